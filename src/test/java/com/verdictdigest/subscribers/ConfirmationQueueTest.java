package com.verdictdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.events.EventLog;
import com.verdictdigest.store.StoredCopies;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.Poll;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Confirmation mails leave from a queue: a sign-up never waits for the relay, and a refused mail is tried again. */
class ConfirmationQueueTest {
    @TempDir
    Path dir;
    private DigestFixture fx;

    @BeforeEach
    void setUp() {
        fx = new DigestFixture(dir.resolve("db"));
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private SubscriptionService service(ConfirmationQueue queue) {
        return new SubscriptionService(fx.db.dataSource(), fx.subscribers, new EventLog(fx.db.dataSource(), Clock.systemUTC()),
                queue, new SuppressionList(DigestFixture.SECRET), new StoredCopies(dir, null), Duration.ofMinutes(15), Clock.systemUTC());
    }

    @Test
    void aSignUpAnswersWhileTheRelayIsStalled() throws Exception {
        CountDownLatch relayStalled = new CountDownLatch(1);
        AtomicInteger mailsStarted = new AtomicInteger();
        try (ConfirmationQueue queue = new ConfirmationQueue(fx.db.dataSource(), fx.subscribers, reader -> {
            mailsStarted.incrementAndGet();
            try {
                relayStalled.await(); // a relay that never answers, until the test lets it go
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }).start()) {
            SubscriptionService subscriptions = service(queue);
            subscriptions.subscribe(EmailAddress.parse("new1@example.com"));
            Poll.until(() -> mailsStarted.get() == 1, Duration.ofSeconds(20)); // the relay holds the first mail
            AtomicBoolean answered = new AtomicBoolean();
            Thread signUps = new Thread(() -> {
                for (int i = 2; i <= 20; i++) {
                    subscriptions.subscribe(EmailAddress.parse("new" + i + "@example.com"));
                }
                answered.set(true);
            });
            signUps.start();

            Poll.until(answered::get, Duration.ofSeconds(20));
            assertThat(answered).as("every sign-up answered with the relay stalled").isTrue();
            assertThat(mailsStarted.get()).as("the queue is stuck on the first mail, not the sign-ups").isEqualTo(1);
            relayStalled.countDown();
            Poll.until(() -> mailsStarted.get() == 20, Duration.ofSeconds(20));
            assertThat(mailsStarted.get()).isEqualTo(20);
        }
    }

    @Test
    void aMailTheRelayRefusedIsTriedAgainAndSentOnce() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicBoolean relayUp = new AtomicBoolean(false);
        ConfirmationQueue queue = new ConfirmationQueue(fx.db.dataSource(), fx.subscribers, reader -> {
            if (!relayUp.get()) {
                return false;
            }
            sent.add(reader.email());
            return true;
        });
        SubscriptionService subscriptions = service(queue);
        subscriptions.subscribe(EmailAddress.parse("ada@example.com"));

        assertThat(queue.sendDue()).as("the relay refused: due again").isFalse();
        relayUp.set(true);
        assertThat(queue.sendDue()).isTrue();
        assertThat(queue.sendDue()).isTrue();

        assertThat(sent).containsExactly("ada@example.com");
    }

    private static double medianMillis(List<Long> nanos) {
        List<Long> sorted = new java.util.ArrayList<>(nanos);
        java.util.Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    /**
     * With a relay that answers each command 30 ms later, sign-ups of new addresses (a mail each)
     * and of an address already subscribed (no mail) are timed alike; prints both medians.
     */
    @Test
    void aSignUpTakesAboutTheSameTimeWhetherItQueuesAMailOrNot() throws Exception {
        fx.subscribers.add(EmailAddress.parse("active@example.com"), SubscriberStatus.ACTIVE);
        try (com.verdictdigest.testing.ScriptedSmtpServer relay = new com.verdictdigest.testing.ScriptedSmtpServer()) {
            relay.delayReplies(30);
            com.verdictdigest.subscribers.ConfirmationMail mail = new com.verdictdigest.subscribers.ConfirmationMail(
                    new com.verdictdigest.templates.Templates(Path.of("templates")), fx.links,
                    new com.verdictdigest.mail.MessageComposer(com.verdictdigest.testing.SenderFixture.MAIL, Clock.systemUTC()),
                    com.verdictdigest.testing.SenderFixture.smtp(relay.port()), "Postal address");
            try (ConfirmationQueue queue = new ConfirmationQueue(fx.db.dataSource(), fx.subscribers, mail).start()) {
                SubscriptionService subscriptions = service(queue);
                List<Long> fresh = new java.util.ArrayList<>();
                List<Long> known = new java.util.ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    long t0 = System.nanoTime();
                    subscriptions.subscribe(EmailAddress.parse("new" + i + "@example.com"));
                    fresh.add(System.nanoTime() - t0);
                    t0 = System.nanoTime();
                    subscriptions.subscribe(EmailAddress.parse("active@example.com"));
                    known.add(System.nanoTime() - t0);
                }
                System.out.printf(java.util.Locale.ROOT, "sign-up with a 30 ms relay: new address median %.2f ms, "
                        + "subscribed address median %.2f ms%n", medianMillis(fresh), medianMillis(known));

                Poll.until(() -> relay.delivered().size() == 30, Duration.ofSeconds(60));
                assertThat(relay.delivered()).as("every new address got its mail, from the queue").hasSize(30);
            }
        }
    }
}
