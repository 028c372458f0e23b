package com.verdictdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.editions.EditionStatus;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.ChildProcess;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.Inbox;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.TestDatabase;
import com.verdictdigest.week.IsoWeek;
import jakarta.mail.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The ledger across processes: a sender killed with SIGKILL, and two senders on one edition. */
class CrashAndConcurrencyTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    private SenderFixture fx;

    @BeforeEach
    void setUp() {
        fx = new SenderFixture(dir.resolve("db"));
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private Map<String, String> childEnv(int rate) {
        Map<String, String> env = new HashMap<>();
        env.putAll(TestDatabase.settings(dir.resolve("db")));
        env.put("VERDICTS_DATA_DIR", dir.resolve("data").toString());
        env.put("VERDICTS_LINKS_SECRET", new String(DigestFixture.SECRET, StandardCharsets.UTF_8));
        env.put("VERDICTS_SITE_BASE_URL", DigestFixture.BASE.toString());
        env.put("VERDICTS_SMTP_HOST", "127.0.0.1");
        env.put("VERDICTS_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
        env.put("VERDICTS_SMTP_TLS", "none");
        env.put("VERDICTS_SEND_CONNECTIONS", "2");
        env.put("VERDICTS_SEND_RATE", String.valueOf(rate));
        env.put("VERDICTS_SEND_LEASE_SECONDS", "2");
        env.put("VERDICTS_MAIL_FROM", SenderFixture.MAIL.from());
        return env;
    }

    /** Message-IDs received per recipient. */
    private Map<String, List<String>> received() throws Exception {
        return Inbox.messageIdsByRecipient(greenMail.getReceivedMessages());
    }

    private Set<String> inDoubtRecipients() throws Exception {
        Set<String> result = new HashSet<>();
        try (var con = fx.digest.db.connection(); var st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT s.email FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id WHERE d.in_doubt")) {
            while (rs.next()) {
                result.add(rs.getString(1));
            }
        }
        return result;
    }

    @Test
    void senderKilledMidSendIsFinishedByTheNextWithNoReaderMissed() throws Exception {
        List<Subscriber> readers = fx.readers(300, "reader", SubscriberStatus.ACTIVE);
        Path log = dir.resolve("child.log");
        Process child = ChildProcess.start(log, childEnv(150), "digest", "send", "--week", "2026-W48");
        Poll.until(() -> greenMail.getReceivedMessages().length >= 60 || !child.isAlive(), Duration.ofSeconds(60));
        assertThat(child.isAlive()).as("the child is still sending: %s", Files.readString(log)).isTrue();
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        int beforeRestart = greenMail.getReceivedMessages().length;
        assertThat(beforeRestart).isBetween(60, 299);

        SendSummary summary = fx.sender(SenderFixture.smtp(greenMail.getSmtp().getPort()), SenderFixture.fast(2)).send(W48);

        Map<String, List<String>> received = received();
        assertThat(received.keySet()).as("no reader missed")
                .containsExactlyInAnyOrderElementsOf(readers.stream().map(Subscriber::email).toList());
        Map<String, List<String>> duplicates = Inbox.twice(received);
        assertThat(duplicates.size()).as("at most one message per sending connection reached a reader twice")
                .isLessThanOrEqualTo(2);
        assertThat(inDoubtRecipients()).as("every duplicate was in doubt").containsAll(duplicates.keySet());
        duplicates.values().forEach(ids -> assertThat(new HashSet<>(ids)).as("resent with the same Message-ID").hasSize(1));
        assertThat(summary.counts().inDoubt()).as("the kill left sends in doubt, and they went again").isPositive();
        assertThat(summary.outcome()).isEqualTo(SendSummary.Outcome.SENT);
        assertThat(summary.counts().sent()).isEqualTo(300);
        assertThat(summary.counts().inDoubt()).isEqualTo(inDoubtRecipients().size());
        assertThat(summary.line()).contains(summary.counts().inDoubt() + " in doubt");
    }

    /**
     * The sending process owns the database file, as in real use: nothing else has it open, so a
     * commit the database kept only in memory dies with it. Sent at a few hundred messages per
     * second, the kill lands while hundreds of records are fresh.
     */
    @Test
    void senderThatOwnsTheDatabaseKilledMidSendMailsAtMostOneReaderTwicePerConnection() throws Exception {
        int connections = 4;
        fx.digest.subscribers.insertActive(IntStream.rangeClosed(1, 3000)
                .mapToObj(i -> EmailAddress.parse("reader" + i + "@example.com")).toList());
        fx.close();
        Map<String, String> env = childEnv(300);
        env.put("VERDICTS_SEND_CONNECTIONS", String.valueOf(connections));
        Path log = dir.resolve("child.log");
        Process child = ChildProcess.start(log, env, "digest", "send", "--week", "2026-W48");
        Poll.until(() -> greenMail.getReceivedMessages().length >= 1200 || !child.isAlive(), Duration.ofSeconds(90));
        assertThat(child.isAlive()).as("the child is still sending: %s", Files.readString(log)).isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        int beforeRestart = greenMail.getReceivedMessages().length;

        fx = new SenderFixture(dir.resolve("db"));
        SendSummary summary = fx.sender(SenderFixture.smtp(greenMail.getSmtp().getPort()), SenderFixture.fast(connections)).send(W48);

        Map<String, List<String>> received = received();
        Map<String, List<String>> duplicates = Inbox.twice(received);
        System.out.printf("kill -9 of the database's owner after %d messages: %d readers got two copies, %d in doubt%n",
                beforeRestart, duplicates.size(), summary.counts().inDoubt());
        assertThat(received).as("no reader missed").hasSize(3000);
        assertThat(duplicates.size()).as("at most one reader twice per sending connection: %s", duplicates.keySet())
                .isLessThanOrEqualTo(connections);
        duplicates.values().forEach(ids -> assertThat(new HashSet<>(ids)).as("resent with the same Message-ID").hasSize(1));
        assertThat(summary.counts().inDoubt()).as("the kill left sends in doubt, and they went again").isPositive();
        assertThat(inDoubtRecipients()).as("every duplicate was in doubt").containsAll(duplicates.keySet());
        assertThat(summary.counts().sent()).isEqualTo(3000);
        assertThat(greenMail.getReceivedMessages()).hasSize(3000 + duplicates.size());
    }

    @Test
    void twoProcessesSendingOneEditionShareTheWorkAndSendNoReaderTwice() throws Exception {
        List<Subscriber> readers = fx.readers(400, "reader", SubscriberStatus.ACTIVE);
        Path log = dir.resolve("child.log");
        Process child = ChildProcess.start(log, childEnv(100), "digest", "send", "--week", "2026-W48");
        Poll.until(() -> greenMail.getReceivedMessages().length >= 20 || !child.isAlive(), Duration.ofSeconds(60));
        SendConfig limited = new SendConfig(2, 100, 3, Duration.ofMillis(50), 25, Duration.ofSeconds(2));

        SendSummary here = fx.sender(SenderFixture.smtp(greenMail.getSmtp().getPort()), limited).send(W48);

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String childOutput = Files.readString(log);
        Map<String, List<String>> received = received();
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(readers.stream().map(Subscriber::email).toList());
        assertThat(received.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(here.sentHere()).as("this process did part of the work").isBetween(1, 399);
        assertThat(childOutput).as("the other process did the rest").contains("(" + (400 - here.sentHere()) + " by this process)");
        assertThat(fx.editions.find(W48).orElseThrow().status()).isEqualTo(EditionStatus.SENT);
    }
}
