package com.verdictdigest.bounces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.store.Database;
import com.verdictdigest.store.StoreException;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.BounceFixture;
import com.verdictdigest.testing.FreePort;
import com.verdictdigest.testing.Reports;
import com.verdictdigest.testing.Reports.Recipient;
import com.verdictdigest.testing.TestDatabase;
import com.verdictdigest.week.IsoWeek;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The return path's mailbox, read over real IMAP and POP3 servers, after a real send. */
class BounceMailboxTest {
    private static final String PASSWORD = "mailbox-secret-7f3a";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP));

    @TempDir
    Path dir;
    BounceFixture bx;
    GreenMailUser bounces;
    final Map<String, String> returnPaths = new HashMap<>();

    @BeforeEach
    void sendAnEdition() throws Exception {
        bx = new BounceFixture(dir.resolve("db"));
        bx.fx.readers(3, "reader", SubscriberStatus.ACTIVE);
        bx.send(IsoWeek.parse("2026-W48"), greenMail.getSmtp().getPort());
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            returnPaths.put(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress(),
                    m.getHeader("Return-Path")[0].replaceAll("[<>]", ""));
        }
        bounces = greenMail.setUser(BounceFixture.RETURN_PATH, "bounces", PASSWORD);
    }

    @AfterEach
    void close() {
        bx.close();
    }

    private void deliver(byte[] report) throws Exception {
        bounces.deliver(new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(report)));
    }

    private byte[] hardBounce(String reader) {
        return Reports.dsn(returnPaths.get(reader), List.of(Recipient.failed(reader, "5.1.1", "550 5.1.1 user unknown")), null, false);
    }

    private int inInbox() throws Exception {
        return greenMail.getManagers().getImapHostManager().getInbox(bounces).getMessageCount();
    }

    private BounceMailbox mailbox(String protocol, int port, ReportProcessor processor) {
        URI address = URI.create(protocol + "://bounces@127.0.0.1:" + port + (protocol.equals("imap") ? "/INBOX" : ""));
        return new BounceMailbox(address, PASSWORD, processor);
    }

    @Test
    void imapReportsAreActedOnAndThenRemoved() throws Exception {
        deliver(hardBounce("reader1@example.com"));
        deliver(Reports.complaint(returnPaths.get("reader2@example.com"), "Message-ID: <x@example.net>\r\n\r\nx\r\n", null));
        deliver(Reports.autoReply("reader3@example.com", returnPaths.get("reader3@example.com")));

        BounceMailbox.Poll poll = mailbox("imap", greenMail.getImap().getPort(), bx.processor(BounceFixture.config())).poll();

        assertThat(poll).isEqualTo(new BounceMailbox.Poll(3, 3, 0));
        assertThat(bx.reader("reader1@example.com").status()).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(bx.reader("reader2@example.com").reason()).isEqualTo("complaint");
        assertThat(bx.reader("reader3@example.com").status()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(inInbox()).isZero();
    }

    @Test
    void pop3ReportsAreActedOnAndThenRemoved() throws Exception {
        deliver(hardBounce("reader1@example.com"));

        BounceMailbox.Poll poll = mailbox("pop3", greenMail.getPop3().getPort(), bx.processor(BounceFixture.config())).poll();

        assertThat(poll).isEqualTo(new BounceMailbox.Poll(1, 1, 0));
        assertThat(bx.reader("reader1@example.com").status()).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(inInbox()).isZero();
    }

    @Test
    void aReportWhoseEffectWasNotCommittedStaysInTheMailbox() throws Exception {
        deliver(hardBounce("reader1@example.com"));
        Database gone = TestDatabase.open(dir.resolve("gone"));
        ReportProcessor unreachable = new ReportProcessor(gone.dataSource(),
                new ReportParser(BounceReasons.standard(), BounceFixture.RETURN_PATH, "verdicts.example", java.util.Set.of()),
                new ReportStore(gone.dataSource()), BounceFixture.MAIL.verp(), BounceFixture.MAIL.messageIds(), bx.fx.digest.subscribers,
                bx.fx.subscriptions, BounceFixture.config(), java.time.Clock.systemUTC());
        gone.close(); // the database went away between reading the message and committing what it caused

        try {
            assertThat(mailbox("imap", greenMail.getImap().getPort(), unreachable).poll().read()).isZero();
        } catch (StoreException outOfReach) {
            // the batch stopped: the rest waits for the database
        }
        assertThat(inInbox()).as("kept for the next poll").isEqualTo(1);

        BounceMailbox.Poll again = mailbox("imap", greenMail.getImap().getPort(), bx.processor(BounceFixture.config())).poll();
        assertThat(again).isEqualTo(new BounceMailbox.Poll(1, 1, 0));
        assertThat(bx.events("bounce")).hasSize(1);
        assertThat(inInbox()).isZero();
    }

    @Test
    void theDatabaseLostMidBatchLeavesTheRestAndRemovesOnlyWhatWasCommitted() throws Exception {
        for (String r : List.of("reader1@example.com", "reader2@example.com", "reader3@example.com")) {
            deliver(hardBounce(r));
        }
        // The second connection the processor asks for fails as a pool does when the database is out of reach.
        DataSource real = bx.fx.digest.db.dataSource();
        AtomicInteger calls = new AtomicInteger();
        DataSource flaky = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && calls.incrementAndGet() == 2) {
                        throw new SQLTransientConnectionException("Connection is not available, request timed out");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ReportProcessor processor = new ReportProcessor(flaky,
                new ReportParser(BounceReasons.standard(), BounceFixture.RETURN_PATH, "verdicts.example", java.util.Set.of()),
                new ReportStore(flaky), BounceFixture.MAIL.verp(), BounceFixture.MAIL.messageIds(), bx.fx.digest.subscribers,
                bx.fx.subscriptions, BounceFixture.config(), java.time.Clock.systemUTC());

        assertThatThrownBy(() -> mailbox("imap", greenMail.getImap().getPort(), processor).poll()).isInstanceOf(StoreException.class);
        assertThat(inInbox()).as("the first went, committed; the rest wait").isEqualTo(2);
        assertThat(bx.events("bounce")).hasSize(1);

        BounceMailbox.Poll next = mailbox("imap", greenMail.getImap().getPort(), bx.processor(BounceFixture.config())).poll();
        assertThat(next).isEqualTo(new BounceMailbox.Poll(2, 2, 0));
        assertThat(bx.events("bounce")).hasSize(3);
        assertThat(inInbox()).isZero();
    }

    @Test
    void aMessageWithNulBytesIsKeptAndDoesNotHoldUpTheOthers() throws Exception {
        // PostgreSQL refuses NUL in text: unless it is taken out, this message would stop every poll.
        deliver(("From: odd@example.org\r\nTo: bounces@verdicts.example\r\nSubject: =?utf-8?q?a=00b?=\r\n\r\nnul \u0000 here\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        deliver(hardBounce("reader1@example.com"));

        BounceMailbox.Poll poll = mailbox("imap", greenMail.getImap().getPort(), bx.processor(BounceFixture.config())).poll();

        assertThat(poll).isEqualTo(new BounceMailbox.Poll(2, 2, 0));
        assertThat(bx.reader("reader1@example.com").status()).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(bx.reports.unrecognized(10)).singleElement().satisfies(u -> assertThat(u.subject()).isEqualTo("a\uFFFDb"));
        assertThat(inInbox()).isZero();
    }

    @Test
    void aReportCommittedButNotYetRemovedCountsOnceWhenReadAgain() throws Exception {
        byte[] soft = Reports.dsn(returnPaths.get("reader1@example.com"),
                List.of(Recipient.failed("reader1@example.com", "4.2.2", "452 4.2.2 mailbox full")), null, false);
        deliver(soft);
        // A process read it and committed its effect, then died before removing it from the mailbox.
        bx.processor(BounceFixture.config()).process(soft, ReportOrigin.MAILBOX, false);

        BounceMailbox.Poll poll = mailbox("imap", greenMail.getImap().getPort(), bx.processor(BounceFixture.config())).poll();

        assertThat(poll).isEqualTo(new BounceMailbox.Poll(1, 0, 1));
        assertThat(bx.events("soft-bounce")).hasSize(1);
        assertThat(inInbox()).isZero();
    }

    @Test
    void anUnreachableMailboxIsOneClearLineWithoutSecrets() throws Exception {
        int closed = FreePort.pick();
        BounceMailbox nobody = mailbox("imap", closed, bx.processor(BounceFixture.config()));
        assertThatThrownBy(nobody::poll).isInstanceOf(BounceMailbox.MailboxException.class)
                .hasMessageStartingWith("cannot reach the bounce mailbox imap://127.0.0.1:" + closed + "/INBOX: ")
                .hasMessageNotContaining("\n");

        BounceMailbox wrongPassword = new BounceMailbox(URI.create("imap://bounces@127.0.0.1:" + greenMail.getImap().getPort() + "/INBOX"),
                "not-the-password", bx.processor(BounceFixture.config()));
        assertThatThrownBy(wrongPassword::poll).isInstanceOf(BounceMailbox.MailboxException.class)
                .hasMessageStartingWith("cannot reach the bounce mailbox")
                .hasMessageNotContaining("not-the-password").hasMessageNotContaining("bounces@");
    }
}
