package com.verdictdigest.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.BounceFixture;
import com.verdictdigest.testing.ChildProcess;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.Reports;
import com.verdictdigest.testing.Reports.Recipient;
import com.verdictdigest.testing.TestDatabase;
import com.verdictdigest.week.IsoWeek;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A process reading the bounce mailbox killed with SIGKILL mid-batch: no report lost, none counted twice. */
class BounceCrashTest {
    private static final String PASSWORD = "imap-secret-crash";
    private static final int REPORTS = 500;

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    @TempDir
    Path dir;
    BounceFixture bx;
    GreenMailUser bounces;

    @BeforeEach
    void fillTheMailbox() throws Exception {
        bx = new BounceFixture(dir.resolve("db"));
        List<Subscriber> readers = bx.fx.readers(REPORTS, "reader", SubscriberStatus.ACTIVE);
        bounces = greenMail.setUser(BounceFixture.RETURN_PATH, "bounces", PASSWORD);
        Session session = Session.getInstance(new Properties());
        for (Subscriber r : readers) {
            byte[] soft = Reports.dsn(BounceFixture.MAIL.verp().of(IsoWeek.parse("2026-W48"), r.id()),
                    List.of(Recipient.failed(r.email(), "4.2.2", "452 4.2.2 Mailbox full")), null, false);
            bounces.deliver(new MimeMessage(session, new ByteArrayInputStream(soft)));
        }
    }

    @AfterEach
    void close() {
        bx.close();
    }

    private URI mailbox() {
        return URI.create("imap://bounces@127.0.0.1:" + greenMail.getImap().getPort() + "/INBOX");
    }

    private int count(String sql) {
        try (var con = bx.fx.digest.db.connection(); var st = con.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPollKilledMidBatchIsFinishedByTheNextWithEveryReportCountedOnce() throws Exception {
        Map<String, String> env = new HashMap<>(TestDatabase.settings(dir.resolve("db")));
        env.put("VERDICTS_DATA_DIR", dir.resolve("data").toString());
        env.put("VERDICTS_MAIL_FROM", BounceFixture.MAIL.from());
        env.put("VERDICTS_MAIL_RETURN_PATH", BounceFixture.RETURN_PATH);
        env.put("VERDICTS_MAIL_RETURN_PATH_VERP", "true");
        env.put("VERDICTS_LINKS_SECRET", new String(BounceFixture.MAIL.secret(), StandardCharsets.UTF_8));
        env.put("VERDICTS_BOUNCES_MAILBOX", mailbox().toString());
        env.put("VERDICTS_BOUNCES_PASSWORD", PASSWORD);
        Path log = dir.resolve("child.log");

        Process child = ChildProcess.start(log, env, "bounces", "poll");
        Poll.until(() -> count("SELECT COUNT(*) FROM report") >= 40 || !child.isAlive(), Duration.ofSeconds(60));
        assertThat(child.isAlive()).as("still reading: %s", Files.readString(log)).isTrue();
        child.destroyForcibly(); // SIGKILL: the folder is never closed, nothing is removed
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        int committed = count("SELECT COUNT(*) FROM report");
        assertThat(committed).as("killed mid-batch").isBetween(40, REPORTS - 1);
        assertThat(count("SELECT COUNT(*) FROM event WHERE kind = 'soft-bounce'")).isEqualTo(committed);

        BounceMailbox.Poll next = new BounceMailbox(mailbox(), PASSWORD, bx.processor(BounceFixture.config())).poll();

        assertThat(next).isEqualTo(new BounceMailbox.Poll(REPORTS, REPORTS - committed, committed));
        assertThat(count("SELECT COUNT(*) FROM report")).as("no report lost").isEqualTo(REPORTS);
        assertThat(count("SELECT COUNT(*) FROM event WHERE kind = 'soft-bounce'")).as("none counted twice").isEqualTo(REPORTS);
        assertThat(count("SELECT COUNT(DISTINCT subscriber_id) FROM event WHERE kind = 'soft-bounce'")).isEqualTo(REPORTS);
        assertThat(greenMail.getManagers().getImapHostManager().getInbox(bounces).getMessageCount()).isZero();
    }
}
