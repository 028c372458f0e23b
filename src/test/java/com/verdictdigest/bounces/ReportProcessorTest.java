package com.verdictdigest.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.events.Event;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.subscribers.SubscriptionService;
import com.verdictdigest.testing.BounceFixture;
import com.verdictdigest.testing.Reports;
import com.verdictdigest.testing.Reports.Recipient;
import com.verdictdigest.week.IsoWeek;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Reports tied to readers and acted on, over a real database, after a real send through an SMTP server. */
class ReportProcessorTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    BounceFixture bx;
    ReportProcessor processor;
    /** What each reader received, by address. */
    final Map<String, MimeMessage> received = new HashMap<>();

    @BeforeEach
    void sendAnEdition() throws Exception {
        bx = new BounceFixture(dir.resolve("db"));
        processor = bx.processor(BounceFixture.config());
        bx.fx.readers(4, "reader", SubscriberStatus.ACTIVE);
        bx.send(W48, greenMail.getSmtp().getPort());
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            received.put(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress(), m);
        }
        assertThat(received).hasSize(4);
    }

    @AfterEach
    void close() {
        bx.close();
    }

    private String returnPath(String reader) throws Exception {
        String rp = received.get(reader).getHeader("Return-Path")[0].replaceAll("[<>]", "");
        assertThat(rp).as("the relay saw a signed per-reader envelope sender").matches("bounces\\+[0-9a-f]{30}@verdicts\\.example");
        return rp;
    }

    private String original(String reader) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        received.get(reader).writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private ReportOutcome only(ReportProcessor.Processed p) {
        assertThat(p.outcomes()).hasSize(1);
        return p.outcomes().get(0);
    }

    private SubscriberStatus status(String reader) {
        return bx.reader(reader).status();
    }

    @Test
    void hardBounceNamedBySignedReturnPathBouncesTheReaderAndNamesTheEdition() throws Exception {
        byte[] report = Reports.dsn(returnPath("reader1@example.com"),
                List.of(Recipient.failed("reader1@example.com", "5.1.1", "550 5.1.1 <reader1@example.com>: User unknown")),
                original("reader1@example.com"), false);

        ReportOutcome o = only(processor.process(report, ReportOrigin.MAILBOX, false));

        assertThat(o.finding().kind()).isEqualTo(ReportKind.BOUNCE);
        assertThat(o.finding().bounceClass()).isEqualTo(BounceClass.HARD);
        assertThat(o.match()).isEqualTo("return-path");
        assertThat(o.edition()).isEqualTo("2026-W48");
        assertThat(o.action()).isEqualTo("bounced");
        Subscriber r = bx.reader("reader1@example.com");
        assertThat(r.status()).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(r.reason()).isEqualTo("hard-bounce");
        assertThat(r.changedAt()).isNotNull();
        assertThat(bx.events("bounce")).singleElement().satisfies(e -> {
            assertThat(e.email()).isEqualTo("reader1@example.com");
            assertThat(e.edition()).isEqualTo("2026-W48");
            assertThat(e.source()).isEqualTo("report");
        });
        assertThat(bx.fx.subscriptions.add(EmailAddress.parse("reader1@example.com"), SubscriberStatus.ACTIVE,
                com.verdictdigest.events.EventSource.OPERATOR)).as("a re-import").isEqualTo(SubscriptionService.Added.UNCHANGED);
        assertThat(status("reader1@example.com")).isEqualTo(SubscriberStatus.BOUNCED);
    }

    @Test
    void reportWithOnlyTheOriginalsHeadersIsTiedByOurMessageId() throws Exception {
        String headers = Reports.headersOf(received.get("reader2@example.com")).replaceAll("(?im)^Return-Path:.*\r\n", "");
        byte[] report = Reports.dsn(BounceFixture.RETURN_PATH,
                List.of(Recipient.failed("reader2@example.com", "5.1.1", "550 5.1.1 mailbox unavailable")), headers, true);

        ReportOutcome o = only(processor.process(report, ReportOrigin.MAILBOX, false));

        assertThat(o.match()).isEqualTo("message-id");
        assertThat(o.edition()).isEqualTo("2026-W48");
        assertThat(status("reader2@example.com")).isEqualTo(SubscriberStatus.BOUNCED);
    }

    @Test
    void reportForSeveralRecipientsIsReadPerRecipient() {
        byte[] report = Reports.dsn(BounceFixture.RETURN_PATH, List.of(
                Recipient.failed("reader1@example.com", "5.1.1", "550 5.1.1 user unknown"),
                Recipient.failed("reader2@example.com", "4.2.2", "452 4.2.2 mailbox full"),
                Recipient.failed("reader3@example.com", "5.2.2", "552 5.2.2 The email account that you tried to reach is over quota")),
                null, false);

        List<ReportOutcome> outcomes = processor.process(report, ReportOrigin.MAILBOX, false).outcomes();

        assertThat(outcomes).extracting(o -> o.finding().recipient())
                .containsExactly("reader1@example.com", "reader2@example.com", "reader3@example.com");
        assertThat(outcomes).extracting(o -> o.finding().bounceClass()).containsExactly(BounceClass.HARD, BounceClass.SOFT, BounceClass.SOFT);
        // Named by address alone: the hard bounce of a reader mailed this week counts, soft ones do not.
        assertThat(outcomes).extracting(ReportOutcome::match).containsOnly("address");
        assertThat(outcomes.get(0).action()).isEqualTo("bounced");
        assertThat(outcomes.get(1).action()).startsWith("none: a soft bounce must name the reader");
        assertThat(status("reader1@example.com")).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(status("reader2@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(bx.events("soft-bounce")).isEmpty();
    }

    @Test
    void softBouncesBounceTheReaderAtTheLimit() throws Exception {
        String rp = returnPath("reader3@example.com");
        for (int i = 1; i <= 3; i++) {
            byte[] report = Reports.dsn(rp, List.of(Recipient.failed("reader3@example.com", "4.2.2",
                    "452 4.2.2 Mailbox full (attempt " + i + ")")), null, false);
            String action = only(processor.process(report, ReportOrigin.MAILBOX, false)).action();
            assertThat(action).isEqualTo(i < 3 ? "soft bounce counted" : "bounced: 3 soft bounces within 30 days");
            assertThat(status("reader3@example.com")).isEqualTo(i < 3 ? SubscriberStatus.ACTIVE : SubscriberStatus.BOUNCED);
        }
        assertThat(bx.events("soft-bounce")).hasSize(3).allSatisfy(e -> assertThat(e.edition()).isEqualTo("2026-W48"));
        assertThat(bx.reader("reader3@example.com").reason()).isEqualTo("soft-bounces");

        // Reinstated by the operator, the reader starts afresh: the next soft bounce is the first.
        Thread.sleep(5); // the reinstatement's time comes after the last soft bounce's
        bx.fx.subscriptions.reinstate(bx.reader("reader3@example.com").id());
        byte[] again = Reports.dsn(rp, List.of(Recipient.failed("reader3@example.com", "4.2.2", "452 4.2.2 Mailbox full (again)")),
                null, false);
        assertThat(only(processor.process(again, ReportOrigin.MAILBOX, false)).action()).isEqualTo("soft bounce counted");
        assertThat(status("reader3@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void softBouncesOutsideTheWindowDoNotAddUp() throws Exception {
        ReportProcessor shortWindow = bx.processor(new BounceConfig(null, "", Duration.ofMinutes(5), 2, Duration.ofMillis(1),
                Duration.ofDays(14)));
        String rp = returnPath("reader3@example.com");
        for (int i = 1; i <= 3; i++) {
            Thread.sleep(5);
            shortWindow.process(Reports.dsn(rp, List.of(Recipient.failed("reader3@example.com", "4.4.7", "expired " + i)), null, false),
                    ReportOrigin.MAILBOX, false);
        }
        assertThat(bx.events("soft-bounce")).hasSize(3);
        assertThat(status("reader3@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void aComplaintAboutAWelcomeEmailFindsItsNewReaderByTheReturnPath() {
        bx.fx.subscriptions.add(EmailAddress.parse("newcomer@example.com"), SubscriberStatus.ACTIVE,
                com.verdictdigest.events.EventSource.OPERATOR);
        Subscriber newcomer = bx.reader("newcomer@example.com");
        var welcome = new com.verdictdigest.mail.MessageComposer(BounceFixture.MAIL, java.time.Clock.systemUTC())
                .listMessage(newcomer.id(), "welcome", newcomer.email(), "Welcome to Weekly AI Tool Verdicts", "Hello\r\n",
                        "<p>Hello</p>\r\n", "https://news.verdicts.example/u/x");
        String original = "Return-Path: <" + welcome.envelopeFrom() + ">\r\n" + new String(welcome.data(), StandardCharsets.UTF_8);

        ReportOutcome o = only(processor.process(Reports.complaint(welcome.envelopeFrom(), original, null), ReportOrigin.MAILBOX, false));

        assertThat(welcome.envelopeFrom()).as("the welcome's own signed return path").matches("bounces\\+[0-9a-f]{30}@verdicts\\.example");
        assertThat(o.action()).isEqualTo("unsubscribed: complaint");
        assertThat(bx.reader("newcomer@example.com").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void complaintUnsubscribesTheReaderForGood() throws Exception {
        byte[] report = Reports.complaint(returnPath("reader4@example.com"), original("reader4@example.com"), null);

        ReportOutcome o = only(processor.process(report, ReportOrigin.MAILBOX, false));

        assertThat(o.finding().kind()).isEqualTo(ReportKind.COMPLAINT);
        assertThat(o.action()).isEqualTo("unsubscribed: complaint");
        Subscriber r = bx.reader("reader4@example.com");
        assertThat(r.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(r.reason()).isEqualTo("complaint");
        assertThat(bx.events("complaint")).singleElement().satisfies(e -> assertThat(e.edition()).isEqualTo("2026-W48"));

        // Nothing brings them back: a re-import, the sign-up form (not even a confirmation mail: this
        // fixture has no confirmation queue, so one would fail the test), an old "subscribe again" link.
        EmailAddress email = EmailAddress.parse("reader4@example.com");
        assertThat(bx.fx.subscriptions.add(email, SubscriberStatus.ACTIVE, com.verdictdigest.events.EventSource.OPERATOR))
                .isEqualTo(SubscriptionService.Added.UNCHANGED);
        bx.fx.subscriptions.subscribe(email);
        assertThat(bx.fx.subscriptions.resubscribe(r.id(), com.verdictdigest.events.EventSource.PAGE, W48))
                .isEqualTo(SubscriptionService.Resubscribed.UNCHANGED);
        assertThat(bx.reader("reader4@example.com").status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(bx.events("subscribe")).noneMatch(e -> e.email().equals("reader4@example.com") && e.source().equals("form"));
    }

    @Test
    void aForgedReportCannotUnsubscribeOrCountSoftBouncesByAddress() {
        byte[] complaint = Reports.complaint(BounceFixture.RETURN_PATH,
                "From: someone@example.net\r\nTo: reader1@example.com\r\nMessage-ID: <made-up@example.net>\r\n\r\nhello\r\n",
                "reader1@example.com");
        byte[] soft = Reports.dsn(BounceFixture.RETURN_PATH, List.of(Recipient.failed("reader1@example.com", "4.2.2", "mailbox full")),
                null, false);
        byte[] forgedToken = Reports.dsn("bounces+00000000000000000000000000000f@verdicts.example",
                List.of(Recipient.failed("reader1@example.com", "4.2.2", "452 4.2.2 full")), null, false);

        assertThat(only(processor.process(complaint, ReportOrigin.MAILBOX, false)).action())
                .isEqualTo("none: a complaint must name the reader by return path or Message-ID");
        assertThat(only(processor.process(soft, ReportOrigin.MAILBOX, false)).action())
                .startsWith("none: a soft bounce must name the reader");
        ReportOutcome tampered = only(processor.process(forgedToken, ReportOrigin.MAILBOX, false));
        assertThat(tampered.match()).isEqualTo("address");
        assertThat(tampered.action()).startsWith("none:");
        assertThat(status("reader1@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(bx.events("soft-bounce")).isEmpty();
        assertThat(bx.events("complaint")).isEmpty();
    }

    @Test
    void aGuessedMessageIdNamesNobody() {
        // Reader ids count up and weeks are public: a forger can write reader2's id, but not its signature.
        String guessed = "digest-2026-W48-" + bx.reader("reader2@example.com").id();
        String headers = "Message-ID: <" + guessed + "-0123456789abcdef@verdicts.example>\r\nIn-Reply-To: <" + guessed
                + "@verdicts.example>\r\n";
        byte[] complaint = Reports.complaint(BounceFixture.RETURN_PATH, headers + "\r\nspam!\r\n", null);
        byte[] bounce = Reports.dsn(BounceFixture.RETURN_PATH, List.of(Recipient.failed("", "5.1.1", "550 5.1.1 user unknown")),
                headers, true);

        assertThat(only(processor.process(complaint, ReportOrigin.MAILBOX, false)).action()).isEqualTo("none: no reader matched");
        assertThat(only(processor.process(bounce, ReportOrigin.MAILBOX, false)).action()).isEqualTo("none: no reader matched");
        assertThat(status("reader2@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void ourMessageIdCountsOnlyForTheAddressItWasSentTo() throws Exception {
        // reader2's real Message-ID, quoted in a report whose two findings name other addresses.
        String headers = "Message-ID: " + received.get("reader2@example.com").getMessageID() + "\r\n";
        byte[] report = Reports.dsn(BounceFixture.RETURN_PATH, List.of(
                Recipient.failed("forger@example.net", "5.1.1", "550 5.1.1 user unknown"),
                Recipient.failed("other@example.net", "5.1.1", "550 5.1.1 user unknown")), headers, true);

        List<ReportOutcome> outcomes = processor.process(report, ReportOrigin.MAILBOX, false).outcomes();

        assertThat(outcomes).allSatisfy(o -> assertThat(o.action()).isEqualTo("none: no reader matched"));
        assertThat(status("reader2@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void hardBounceByAddressAloneNeedsAPermanentStatusAndARecentDigest() throws Exception {
        byte[] noStatus = ("From: MAILER-DAEMON@mx.example.net\r\nTo: bounces@verdicts.example\r\nSubject: failure notice\r\n\r\n"
                + "Hi. This is the qmail-send program at mx.example.net.\r\n\r\n<reader1@example.com>:\r\nSorry, I couldn't find that user.\r\n")
                .getBytes(StandardCharsets.UTF_8);
        ReportOutcome o = only(processor.process(noStatus, ReportOrigin.MAILBOX, false));
        assertThat(o.finding().bounceClass()).isEqualTo(BounceClass.HARD);
        assertThat(o.action()).isEqualTo("none: matched by address alone without a permanent status");

        bx.fx.readers(1, "newcomer", SubscriberStatus.ACTIVE); // never mailed
        byte[] neverMailed = Reports.dsn(BounceFixture.RETURN_PATH,
                List.of(Recipient.failed("newcomer1@example.com", "5.1.1", "550 5.1.1 user unknown")), null, false);
        assertThat(only(processor.process(neverMailed, ReportOrigin.MAILBOX, false)).action()).isEqualTo("none: no reader matched");
        assertThat(status("reader1@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(status("newcomer1@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void theSameReportReadTwiceCountsOnce() throws Exception {
        byte[] report = Reports.dsn(returnPath("reader1@example.com"),
                List.of(Recipient.failed("reader1@example.com", "4.2.2", "452 4.2.2 mailbox full")), null, false);

        ReportProcessor.Processed first = processor.process(report, ReportOrigin.MAILBOX, false);
        ReportProcessor.Processed second = processor.process(report, ReportOrigin.FILE, false);

        assertThat(first.readBefore()).isFalse();
        assertThat(second.readBefore()).isTrue();
        assertThat(second.outcomes()).extracting(ReportOutcome::action).containsExactly("none: read before");
        assertThat(bx.events("soft-bounce")).hasSize(1);
    }

    @Test
    void dryRunSaysWhatItWouldDoAndChangesNothing() throws Exception {
        byte[] report = Reports.dsn(returnPath("reader1@example.com"),
                List.of(Recipient.failed("reader1@example.com", "5.1.1", "550 5.1.1 user unknown")), null, false);

        assertThat(only(processor.process(report, ReportOrigin.FILE, true)).action()).isEqualTo("bounced");
        assertThat(status("reader1@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(bx.events("bounce")).isEmpty();
        assertThat(bx.reports.countsByKind()).isEmpty();

        assertThat(only(processor.process(report, ReportOrigin.FILE, false)).action()).as("not recorded as read").isEqualTo("bounced");
    }

    @Test
    void autoRepliesAndDelayNoticesChangeNothing() throws Exception {
        byte[] vacation = Reports.autoReply("reader1@example.com", returnPath("reader1@example.com"));
        byte[] delayed = Reports.dsn(returnPath("reader2@example.com"), List.of(new Recipient("reader2@example.com", "delayed", "4.4.1",
                "connect to mx.example.com: Connection timed out")), null, false);

        ReportOutcome auto = only(processor.process(vacation, ReportOrigin.MAILBOX, false));
        ReportOutcome delay = only(processor.process(delayed, ReportOrigin.MAILBOX, false));

        assertThat(auto.finding().kind()).isEqualTo(ReportKind.AUTO_REPLY);
        assertThat(auto.action()).isEqualTo("none");
        assertThat(delay.finding().kind()).isEqualTo(ReportKind.DELIVERY_REPORT);
        assertThat(delay.action()).isEqualTo("none");
        assertThat(status("reader1@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(status("reader2@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(bx.reports.countsByKind()).containsEntry("auto-reply", 1).containsEntry("delivery-report", 1);
    }

    @Test
    void unrecognizedMessagesAreKeptForTheOperator() {
        byte[] human = "From: fan@example.org\r\nTo: bounces@verdicts.example\r\nSubject: Thanks!\r\n\r\nLoved this week's <b>digest</b>.\r\n"
                .getBytes(StandardCharsets.UTF_8);

        ReportOutcome o = only(processor.process(human, ReportOrigin.PIPE, false));

        assertThat(o.finding().kind()).isEqualTo(ReportKind.UNRECOGNIZED);
        assertThat(o.action()).isEqualTo("kept for the operator");
        assertThat(bx.reports.unrecognized(10)).singleElement().satisfies(u -> {
            assertThat(u.sender()).isEqualTo("fan@example.org");
            assertThat(u.origin()).isEqualTo("pipe");
            assertThat(u.message()).as("the list leaves the text out").isNull();
            assertThat(bx.reports.unrecognized(u.id()).orElseThrow().message()).contains("Loved this week's <b>digest</b>.");
        });
    }

    @Test
    void theOperatorCanReinstateABouncedReader() throws Exception {
        processor.process(Reports.dsn(returnPath("reader1@example.com"),
                List.of(Recipient.failed("reader1@example.com", "5.1.1", "550 5.1.1 user unknown")), null, false), ReportOrigin.MAILBOX, false);
        long id = bx.reader("reader1@example.com").id();

        assertThat(bx.fx.subscriptions.reinstate(id)).isTrue();
        assertThat(bx.fx.subscriptions.reinstate(id)).as("only a bounced reader").isFalse();

        Subscriber r = bx.reader("reader1@example.com");
        assertThat(r.status()).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(r.reason()).isEqualTo("reinstated");
        List<Event> back = bx.events("resubscribe");
        assertThat(back).singleElement().satisfies(e -> assertThat(e.source()).isEqualTo("operator"));
    }
}
