package com.verdictdigest.alerts;

import static com.verdictdigest.testing.AlertFixture.LEFT;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Preferences;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.AlertFixture;
import com.verdictdigest.testing.ChildProcess;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.Inbox;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.Readers;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
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

/** A process sending alerts killed with SIGKILL mid-pass, then the alerts run again: nobody alerted twice, nobody left out unseen. */
class AlertCrashTest {
    private static final int READERS = 300;
    private static final int KILL_AFTER = 40;

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    AlertFixture fx;
    List<Subscriber> readers;

    @BeforeEach
    void readersWithANewVerdictOnTheirBookmark() throws Exception {
        fx = new AlertFixture(dir, Clock.systemUTC());
        fx.publish("first", doc -> { });
        fx.readers.insertActive(IntStream.rangeClosed(1, READERS).mapToObj(i -> EmailAddress.parse("reader" + i + "@example.com")).toList());
        readers = Readers.all(fx.readers, SubscriberStatus.ACTIVE);
        fx.readers.insertBookmarks(readers.stream().map(r -> Map.entry(r.id(), LEFT)).toList());
        for (Subscriber r : readers) {
            fx.subscriptions.choose(r.id(), new Preferences(Set.of(), false, null, true), EventSource.PAGE, null);
        }
        Thread.sleep(10); // the change comes after every bookmark
        fx.publish("second", doc -> { });
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private Set<Long> readersWith(String where) throws Exception {
        Set<Long> ids = new HashSet<>();
        try (Connection con = fx.db.connection(); Statement st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT subscriber_id FROM reader_alert " + where)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    @Test
    void anAlertIsSentAtMostOnceAcrossAKillAndRestartAndTheReadersNeverReachedGetTheirs() throws Exception {
        Map<String, String> env = new HashMap<>(TestDatabase.settings(dir.resolve("db")));
        env.put("VERDICTS_DATA_DIR", dir.resolve("data").toString());
        env.put("VERDICTS_SMTP_HOST", "127.0.0.1");
        env.put("VERDICTS_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
        env.put("VERDICTS_SMTP_TLS", "none");
        env.put("VERDICTS_MAIL_FROM", SenderFixture.MAIL.from());
        env.put("VERDICTS_LINKS_SECRET", new String(DigestFixture.SECRET, StandardCharsets.UTF_8));
        env.put("VERDICTS_SITE_BASE_URL", DigestFixture.BASE.toString());
        env.put("VERDICTS_SEND_RATE", "100"); // a pass of a few seconds, to be killed in the middle of
        Path log = dir.resolve("child.log");

        Process child = ChildProcess.start(log, env, "alerts", "send");
        Poll.until(() -> greenMail.getReceivedMessages().length >= KILL_AFTER || !child.isAlive(), Duration.ofSeconds(60));
        assertThat(child.isAlive()).as("still sending: %s", Files.readString(log)).isTrue();
        child.destroyForcibly(); // SIGKILL: whatever it had not recorded is lost with it
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

        Set<Long> sentBefore = readersWith("WHERE status = 'sent'");
        Set<Long> claimedBefore = readersWith("");
        Set<String> receivedBefore = Inbox.byRecipient(greenMail.getReceivedMessages()).keySet();
        assertThat(claimedBefore.size()).as("killed mid-pass").isBetween(KILL_AFTER, READERS - 1);
        assertThat(sentBefore).isNotEmpty();

        AlertRun again = fx.sender(SenderFixture.smtp(greenMail.getSmtp().getPort()), Path.of("templates")).sendDue();

        Map<String, List<String>> byRecipient = Inbox.messageIdsByRecipient(greenMail.getReceivedMessages());
        assertThat(Inbox.twice(byRecipient)).as("nobody alerted twice").isEmpty();
        assertThat(again.sent()).isEqualTo(READERS - claimedBefore.size());
        for (Subscriber r : readers) {
            if (sentBefore.contains(r.id())) {
                assertThat(receivedBefore).as("recorded sent before the kill").contains(r.email());
            } else if (!claimedBefore.contains(r.id())) {
                assertThat(byRecipient).as("never reached before the kill").containsKey(r.email());
            }
        }
        Set<Long> inDoubt = new HashSet<>(claimedBefore);
        inDoubt.removeAll(sentBefore);
        assertThat(inDoubt).as("claimed, not recorded sent: in doubt, never sent again").hasSizeLessThanOrEqualTo(3)
                .allSatisfy(id -> assertThat(readersWith("WHERE status = 'sending' AND subscriber_id = " + id)).hasSize(1));
        assertThat(byRecipient).hasSizeBetween(READERS - inDoubt.size(), READERS);
        assertThat(fx.count("SELECT COUNT(*) FROM reader_alert")).isEqualTo(READERS);
        assertThat(byRecipient.values()).allSatisfy(ids -> assertThat(ids.get(0)).startsWith("<alert-"));
    }
}
