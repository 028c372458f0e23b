package com.verdictdigest.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.Reports;
import com.verdictdigest.testing.Reports.Recipient;
import com.verdictdigest.testing.ServiceFixture;
import com.verdictdigest.week.IsoWeek;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} reads the bounce mailbox on its own, every bounces.poll-seconds. */
class ServiceBouncesTest {
    private static final String PASSWORD = "imap-secret-serve";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    @TempDir
    Path dir;

    @Test
    void aReaderTheRelayBouncesAfterTheSendIsMarkedBouncedByTheScheduledPoll() throws Exception {
        GreenMailUser bounces = greenMail.setUser("bounces@verdicts.example", "bounces", PASSWORD);
        Map<String, String> settings = Map.of(
                "VERDICTS_SMTP_HOST", "127.0.0.1", "VERDICTS_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()),
                "VERDICTS_SMTP_TLS", "none", "VERDICTS_MAIL_RETURN_PATH", "bounces@verdicts.example",
                "VERDICTS_MAIL_RETURN_PATH_VERP", "true", "VERDICTS_BOUNCES_POLL_SECONDS", "10",
                "VERDICTS_BOUNCES_MAILBOX", "imap://bounces@127.0.0.1:" + greenMail.getImap().getPort() + "/INBOX",
                "VERDICTS_BOUNCES_PASSWORD", PASSWORD);
        try (ServiceFixture fx = new ServiceFixture(dir, 3, 0, settings, Clock.systemUTC())) {
            fx.service.control().trigger(IsoWeek.parse("2026-W48"));
            Poll.until(() -> greenMail.getReceivedMessages().length == 3, Duration.ofSeconds(30));
            MimeMessage copy = List.of(greenMail.getReceivedMessages()).stream().filter(m -> to(m).equals("reader2@example.com"))
                    .findFirst().orElseThrow();

            byte[] report = Reports.dsn(copy.getHeader("Return-Path")[0].replaceAll("[<>]", ""),
                    List.of(Recipient.failed("reader2@example.com", "5.1.1", "550 5.1.1 user unknown")), Reports.headersOf(copy), true);
            bounces.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(report)));

            Poll.until(() -> status(fx, "reader2@example.com") == SubscriberStatus.BOUNCED, Duration.ofSeconds(30));
            assertThat(status(fx, "reader2@example.com")).isEqualTo(SubscriberStatus.BOUNCED);
            assertThat(status(fx, "reader1@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
            Poll.until(() -> inbox(bounces) == 0, Duration.ofSeconds(10));
            assertThat(inbox(bounces)).isZero();
        }
    }

    private static String to(MimeMessage m) {
        try {
            return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SubscriberStatus status(ServiceFixture fx, String email) {
        return fx.app.subscribers().find(EmailAddress.parse(email)).orElseThrow().status();
    }

    private static int inbox(GreenMailUser user) {
        try {
            return greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
