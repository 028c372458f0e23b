package com.verdictdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.digest.DigestConfig;
import com.verdictdigest.editions.EditionProofs;
import com.verdictdigest.editions.EditionRecord;
import com.verdictdigest.editions.EditionStatus;
import com.verdictdigest.editions.PreflightException;
import com.verdictdigest.events.Event;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.mail.MailConfig;
import com.verdictdigest.mail.Mailer;
import com.verdictdigest.mail.OutboxMailer;
import com.verdictdigest.mail.OutgoingMessage;
import com.verdictdigest.mail.SendFailure;
import com.verdictdigest.mail.VerpAddress;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.FreePort;
import com.verdictdigest.testing.LogCapture;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.ScriptedSmtpServer;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.SitePages;
import com.verdictdigest.week.IsoWeek;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EditionSenderTest {
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

    private int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    private Map<String, Long> receivedPerRecipient() throws Exception {
        return Arrays.stream(greenMail.getReceivedMessages())
                .map(m -> {
                    try {
                        return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    @Test
    void everyActiveReaderReceivesExactlyOneMessageAndNobodyElse() throws Exception {
        List<Subscriber> active = fx.readers(30, "active", SubscriberStatus.ACTIVE);
        fx.readers(3, "pending", SubscriberStatus.PENDING);
        fx.readers(2, "left", SubscriberStatus.UNSUBSCRIBED);
        fx.readers(2, "bounced", SubscriberStatus.BOUNCED);

        SendSummary summary = fx.sender(SenderFixture.smtp(smtpPort()), SenderFixture.fast(4)).send(W48);

        assertThat(summary.outcome()).isEqualTo(SendSummary.Outcome.SENT);
        assertThat(summary.counts().sent()).isEqualTo(30);
        assertThat(receivedPerRecipient()).hasSize(30).allSatisfy((to, n) -> assertThat(n).isEqualTo(1L))
                .containsOnlyKeys(active.stream().map(Subscriber::email).toList());
        assertThat(fx.editions.find(W48).orElseThrow().status()).isEqualTo(EditionStatus.SENT);

        SendSummary again = fx.sender(SenderFixture.smtp(smtpPort()), SenderFixture.fast(4)).send(W48);
        assertThat(again.outcome()).isEqualTo(SendSummary.Outcome.ALREADY_FINAL);
        assertThat(again.detail()).isEqualTo("was already sent; nothing sent");
        assertThat(greenMail.getReceivedMessages()).hasSize(30);
    }

    @Test
    void messageCarriesTheListHeadersAndBothParts() throws Exception {
        Subscriber ada = fx.readers(1, "ada", SubscriberStatus.ACTIVE).get(0);

        fx.sender(SenderFixture.smtp(smtpPort()), SenderFixture.fast(1)).send(W48);

        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertThat(m.getHeader("From", null)).isEqualTo("Weekly AI Tool Verdicts <digest@verdicts.example>");
        assertThat(m.getHeader("Reply-To", null)).isEqualTo("editors@verdicts.example");
        assertThat(m.getSubject()).isEqualTo("Week 48: 3 new verdicts · Notion AI vs Granola and more");
        assertThat(m.getSentDate()).isNotNull();
        assertThat(m.getMessageID()).isEqualTo("<" + SenderFixture.MAIL.messageIds().digest(W48, ada.id()) + ">")
                .matches("<digest-2026-W48-" + ada.id() + "-[0-9a-f]{16}@verdicts\\.example>");
        assertThat(m.getHeader("List-Id", null)).isEqualTo("\"Weekly AI Tool Verdicts\" <weekly.verdicts.example>");
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(m.getHeader("Feedback-ID", null)).isEqualTo("2026-W48:readers:digest:verdictdigest");
        assertThat(m.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(m.getHeader("Precedence", null)).isEqualTo("bulk");
        String unsubscribe = jakarta.mail.internet.MimeUtility.unfold(m.getHeader("List-Unsubscribe", null));
        assertThat(unsubscribe).matches("<https://news\\.verdicts\\.example/u/[A-Za-z0-9_-]+>, "
                + "<mailto:unsubscribe@verdicts\\.example\\?subject=unsubscribe>");
        String token = unsubscribe.substring(unsubscribe.indexOf("/u/") + 3, unsubscribe.indexOf('>'));
        assertThat(fx.digest.links.signer().verify(token))
                .contains(new LinkToken(Purpose.UNSUBSCRIBE, ada.id(), W48, 0));

        assertThat(m.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("3 new verdicts this week", token)
                .contains("23–29 November 2026");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<html lang=\"en\"", token);
    }

    @Test
    void withVerpEachReadersCopyHasItsOwnSignedEnvelopeSender() throws Exception {
        List<Subscriber> readers = fx.readers(3, "reader", SubscriberStatus.ACTIVE);
        MailConfig m = SenderFixture.MAIL;
        byte[] secret = "verp-secret-verp-secret-verp-secret!".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MailConfig verp = new MailConfig(m.from(), m.replyTo(), m.unsubscribeMailto(), m.listId(), m.precedenceBulk(), m.dkim(),
                "bounces@verdicts.example", true, secret);

        fx.sender(SenderFixture.smtp(smtpPort()), SenderFixture.fast(2), verp).send(W48);

        VerpAddress addresses = new VerpAddress("bounces@verdicts.example", secret);
        Map<String, Long> readerOfRecipient = new java.util.HashMap<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            String returnPath = message.getHeader("Return-Path")[0];
            assertThat(message.getFrom()[0].toString()).contains("digest@verdicts.example");
            assertThat(message.getMessageID()).endsWith("@verdicts.example>");
            readerOfRecipient.put(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress(),
                    addresses.parse(returnPath).orElseThrow().readerId());
            assertThat(addresses.parse(returnPath).orElseThrow().week()).isEqualTo(W48);
        }
        assertThat(readerOfRecipient).hasSize(3);
        readers.forEach(r -> assertThat(readerOfRecipient).containsEntry(r.email(), r.id()));
    }

    @Test
    void precedenceHeaderCanBeSwitchedOff() throws Exception {
        fx.readers(1, "ada", SubscriberStatus.ACTIVE);
        MailConfig noBulk = new MailConfig("digest@verdicts.example", "", "", "weekly.verdicts.example", false, null,
                SenderFixture.MAIL.secret());

        fx.sender(SenderFixture.smtp(smtpPort()), SenderFixture.fast(1), noBulk).send(W48);

        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertThat(m.getHeader("Precedence")).isNull();
        assertThat(m.getHeader("Reply-To")).isNull();
        assertThat(m.getHeader("List-Unsubscribe", null)).doesNotContain("mailto:");
    }

    @Test
    void dryRunChecksEveryActiveReaderPageByPageAndSendsNothing() throws Exception {
        fx.digest.subscribers.insertActive(IntStream.rangeClosed(1, 600).mapToObj(i -> EmailAddress.parse("a" + i + "@example.com")).toList());
        fx.readers(5, "left", SubscriberStatus.UNSUBSCRIBED);
        fx.digest.subscribers.insertActive(IntStream.rangeClosed(1, 601).mapToObj(i -> EmailAddress.parse("b" + i + "@example.com")).toList());

        EditionProofs.DryRun dry = new EditionProofs(fx.preparer(DigestFixture.config("UTC"), fx.digest.links, SenderFixture.MAIL),
                fx.digest.subscribers, SenderFixture.smtp(smtpPort())).dryRun(W48);

        assertThat(dry.copies()).isEqualTo(1_201); // three pages of 500, the readers who left between them skipped
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(fx.editions.find(W48)).isEmpty();
    }

    @Test
    void unsubscribedReaderIsSkippedMidSend() throws Exception {
        List<Subscriber> readers = fx.readers(10, "reader", SubscriberStatus.ACTIVE);
        Subscriber last = readers.get(9);
        Mailer smtp = SenderFixture.smtp(smtpPort());
        // The moment the first message goes out, the last reader unsubscribes (as the one-click link does).
        Mailer unsubscribingOnFirstSend = new Mailer() {
            @Override
            public Session open() throws SendFailure {
                Session real = smtp.open();
                return new Session() {
                    @Override
                    public void send(OutgoingMessage message) throws SendFailure {
                        real.send(message);
                        fx.subscriptions.unsubscribe(last.id(), EventSource.ONE_CLICK, W48);
                    }

                    @Override
                    public void close() {
                        real.close();
                    }
                };
            }

            @Override
            public String describe() {
                return smtp.describe();
            }
        };

        SendSummary summary = fx.sender(unsubscribingOnFirstSend, SenderFixture.fast(1)).send(W48);

        assertThat(summary.counts().sent()).isEqualTo(9);
        assertThat(summary.counts().skipped()).isEqualTo(1);
        assertThat(receivedPerRecipient()).hasSize(9).doesNotContainKey(last.email());
    }

    @Test
    void permanentRejectionFailsAndBouncesTheReaderTemporaryOnesAreRetried() throws Exception {
        List<Subscriber> readers = fx.readers(6, "r", SubscriberStatus.ACTIVE);
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer()) {
            relay.reject("r2@example.com");
            relay.deferTimes("r4@example.com", 2);
            relay.deferTimes("r5@example.com", 10);

            SendSummary summary = fx.sender(SenderFixture.smtp(relay.port()), SenderFixture.fast(2)).send(W48);

            assertThat(relay.delivered()).containsExactlyInAnyOrder(
                    "r1@example.com", "r3@example.com", "r4@example.com", "r6@example.com");
            assertThat(summary.counts().sent()).isEqualTo(4);
            assertThat(summary.counts().failed()).isEqualTo(2);
        }
        assertThat(fx.digest.subscribers.find(EmailAddress.parse("r2@example.com")).orElseThrow().status())
                .as("a 5xx for the recipient is a hard bounce").isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(fx.digest.subscribers.find(EmailAddress.parse("r5@example.com")).orElseThrow().status())
                .as("giving up on 4xx is no bounce").isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(readers).hasSize(6);
    }

    @Test
    void aHardBounceIsRecordedAsTheReadersEventWithTheEditionThatBounced() throws Exception {
        fx.readers(3, "r", SubscriberStatus.ACTIVE);
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer()) {
            relay.reject("r2@example.com");
            fx.sender(SenderFixture.smtp(relay.port()), SenderFixture.fast(1)).send(W48);
        }
        EventLog events = new EventLog(fx.digest.db.dataSource(), java.time.Clock.systemUTC());
        assertThat(events.list(W48)).extracting(Event::email, Event::kind, Event::source)
                .containsExactly(tuple("r2@example.com", "bounce", "relay"));
        assertThat(events.countsPerEdition().get(W48.toString())).containsEntry("bounce", 1);
    }

    @Test
    void aRefusalLogsTheReaderByIdWithTheAddressesItQuotesMasked() throws Exception {
        List<Subscriber> readers = fx.readers(2, "r", SubscriberStatus.ACTIVE);
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer(); LogCapture log = new LogCapture()) {
            relay.reject("r2@example.com");

            fx.sender(SenderFixture.smtp(relay.port()), SenderFixture.fast(1)).send(W48);

            assertThat(log.text()).contains("Delivery to reader " + readers.get(1).id() + " failed (hard bounce)", "…@…")
                    .doesNotContain("r2@example.com");
        }
    }

    @Test
    void editionPausesAfterTooManyFailuresInARow() throws Exception {
        fx.readers(40, "r", SubscriberStatus.ACTIVE);
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer()) {
            for (int i = 1; i <= 40; i++) {
                relay.reject("r" + i + "@example.com");
            }
            SendConfig config = new SendConfig(1, 0, 1, java.time.Duration.ofMillis(10), 5, java.time.Duration.ofSeconds(2));

            SendSummary summary = fx.sender(SenderFixture.smtp(relay.port()), config).send(W48);

            assertThat(summary.outcome()).isEqualTo(SendSummary.Outcome.PAUSED);
            assertThat(summary.detail()).startsWith("paused: 5 failures in a row (send.max-consecutive-errors); last: 550");
            assertThat(summary.counts().failed()).isEqualTo(5);
            assertThat(summary.counts().pending()).isEqualTo(35);
            EditionRecord edition = fx.editions.find(W48).orElseThrow();
            assertThat(edition.status()).isEqualTo(EditionStatus.PAUSED);
            assertThat(edition.statusReason()).contains("5 failures in a row");
        }
    }

    @Test
    void unreachableRelayPausesTheEditionWithoutFailingAnyReader() throws Exception {
        fx.readers(10, "r", SubscriberStatus.ACTIVE);
        int closedPort = FreePort.pick();
        SendConfig config = new SendConfig(2, 0, 2, java.time.Duration.ofMillis(10), 4, java.time.Duration.ofSeconds(2));

        SendSummary summary = fx.sender(SenderFixture.smtp(closedPort), config).send(W48);

        assertThat(summary.outcome()).isEqualTo(SendSummary.Outcome.PAUSED);
        assertThat(summary.detail()).startsWith("paused: 4 failures in a row").contains("cannot connect");
        assertThat(summary.counts().failed()).isZero();
        assertThat(summary.counts().pending()).isEqualTo(10);

        SendSummary resumed = fx.sender(SenderFixture.smtp(smtpPort()), SenderFixture.fast(2)).send(W48);
        assertThat(resumed.outcome()).isEqualTo(SendSummary.Outcome.SENT);
        assertThat(receivedPerRecipient()).hasSize(10);
    }

    @Test
    void serverDownAtTheStartAndBackLater() throws Exception {
        fx.readers(5, "r", SubscriberStatus.ACTIVE);
        int port = FreePort.pick();
        GreenMail late = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        Thread starter = new Thread(() -> {
            try {
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                return;
            }
            late.start();
        });
        starter.start();
        try {
            SendConfig patient = new SendConfig(2, 0, 6, java.time.Duration.ofMillis(300), 25, java.time.Duration.ofSeconds(2));

            SendSummary summary = fx.sender(SenderFixture.smtp(port), patient).send(W48);

            assertThat(summary.counts().sent()).isEqualTo(5);
            assertThat(late.getReceivedMessages()).hasSize(5);
        } finally {
            starter.join();
            late.stop();
        }
    }

    @Test
    void outboxHoldsOneFileWithTheWireBytesPerReader() throws Exception {
        List<Subscriber> readers = fx.readers(3, "r", SubscriberStatus.ACTIVE);
        Path outbox = dir.resolve("outbox");

        fx.sender(new OutboxMailer(outbox), SenderFixture.fast(2)).send(W48);

        List<Path> files;
        try (Stream<Path> s = Files.list(outbox)) {
            files = s.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                readers.stream().map(r -> SenderFixture.MAIL.messageIds().digest(W48, r.id()).replace('@', '_') + ".eml")
                        .toArray(String[]::new));
        byte[] bytes = Files.readAllBytes(files.get(0));
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII)).doesNotContainPattern("[^\\r]\\n");
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            MimeMessage m = new MimeMessage(jakarta.mail.Session.getInstance(new Properties()), in);
            assertThat(m.getSubject()).contains("3 new verdicts");
            assertThat(((Multipart) m.getContent()).getCount()).isEqualTo(2);
        }
    }

    @Test
    void emptyWeekIsRecordedAsSkipped() {
        fx.readers(2, "r", SubscriberStatus.ACTIVE);

        SendSummary summary = fx.sender(SenderFixture.smtp(smtpPort()), SenderFixture.fast(1)).send(IsoWeek.parse("2026-W50"));

        assertThat(summary.outcome()).isEqualTo(SendSummary.Outcome.SKIPPED);
        assertThat(summary.detail()).isEqualTo("skipped: no comparisons this week");
        assertThat(fx.editions.find(IsoWeek.parse("2026-W50")).orElseThrow().status()).isEqualTo(EditionStatus.SKIPPED);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aManualSendToNobodyIsRefusedAndLeavesTheWeekOpenForLater() {
        EditionSender sender = fx.sender(SenderFixture.smtp(smtpPort()), SenderFixture.fast(1));

        SendSummary toNobody = sender.send(W48);

        assertThat(toNobody.outcome()).isEqualTo(SendSummary.Outcome.NO_READERS);
        assertThat(toNobody.outcome().done()).isFalse();
        assertThat(fx.editions.find(W48).orElseThrow().status()).isEqualTo(EditionStatus.PLANNED);
        fx.readers(2, "r", SubscriberStatus.ACTIVE);
        SendSummary later = fx.sender(SenderFixture.smtp(smtpPort()), SenderFixture.fast(1)).send(W48);
        assertThat(later.outcome()).isEqualTo(SendSummary.Outcome.SENT);
        assertThat(greenMail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void theScheduleRecordsAWeekWithNobodyToSendToAsSkippedWithTheReason() {
        SendSummary summary = fx.sender(SenderFixture.smtp(smtpPort()), SenderFixture.fast(1))
                .send(W48, EditionSender.Caller.SCHEDULE);

        assertThat(summary.outcome()).isEqualTo(SendSummary.Outcome.SKIPPED);
        EditionRecord edition = fx.editions.find(W48).orElseThrow();
        assertThat(edition.status()).isEqualTo(EditionStatus.SKIPPED);
        assertThat(edition.statusReason()).isEqualTo("no active readers");
    }

    @Test
    void aMessageSentAgainIsKeptBesideTheFirstInTheOutbox() throws Exception {
        Path outbox = dir.resolve("outbox");
        OutgoingMessage message = new OutgoingMessage("digest@verdicts.example", "ada@example.com",
                "digest-2026-W48-7@verdicts.example", "Subject: hi\r\n\r\nfirst\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try (Mailer.Session session = new OutboxMailer(outbox).open()) {
            session.send(message);
            session.send(message);
        }
        try (Stream<Path> s = Files.list(outbox)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
                    "digest-2026-W48-7_verdicts.example.eml", "digest-2026-W48-7_verdicts.example.resent-2.eml");
        }
    }

    @Test
    void aTemporaryFailureIsRetriedAfterABackOffThatDoublesEachTime() throws Exception {
        fx.readers(1, "r", SubscriberStatus.ACTIVE);
        try (ScriptedSmtpServer relay = new ScriptedSmtpServer()) {
            relay.deferTimes("r1@example.com", 3);
            SendConfig config = new SendConfig(1, 0, 5, java.time.Duration.ofMillis(200), 25, java.time.Duration.ofSeconds(2));

            fx.sender(SenderFixture.smtp(relay.port()), config).send(W48);

            List<Long> at = relay.attempts("r1@example.com");
            assertThat(at).hasSize(4);
            assertThat(relay.delivered()).containsExactly("r1@example.com");
            // Waits of at least 200, 400 and 800 ms (send.retry-base-millis, doubling), each well short of the doubling after.
            for (int i = 1; i < at.size(); i++) {
                long waitedMillis = (at.get(i) - at.get(i - 1)) / 1_000_000;
                long backOff = 200L << (i - 1);
                assertThat(waitedMillis).as("wait before attempt %d", i + 1).isBetween(backOff, 3 * backOff);
            }
        }
    }

    @Test
    void sendRateCapsMessagesPerSecondAcrossConnections() throws Exception {
        fx.readers(21, "r", SubscriberStatus.ACTIVE);
        SendConfig tenPerSecond = new SendConfig(3, 10, 3, java.time.Duration.ofMillis(50), 25, java.time.Duration.ofSeconds(2));

        long start = System.nanoTime();
        fx.sender(SenderFixture.smtp(smtpPort()), tenPerSecond).send(W48);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(greenMail.getReceivedMessages()).hasSize(21);
        // 21 messages evenly spaced at 10 a second over three connections: at least 2 seconds between first and last.
        assertThat(seconds).isGreaterThanOrEqualTo(2.0);
    }

    @Test
    void aHostilePageTitleReachesTheSubjectEncodedAndCannotAddAHeader() throws Exception {
        fx.readers(1, "r", SubscriberStatus.ACTIVE);
        Path site = Files.createDirectories(dir.resolve("site"));
        SitePages.variantWithSlug(site, "hostile", doc -> {
            doc.selectFirst("article h1").text("Ünïcödé \u0007vs\u001b[31m Tool\r\nBcc: victim@example.com");
            SitePages.publishedAt(doc, java.time.Instant.parse("2026-12-08T10:00:00Z"));
        });
        fx.digest.importPages(site.toString());

        fx.sender(SenderFixture.smtp(smtpPort()), SenderFixture.fast(1)).send(IsoWeek.parse("2026-W50"));

        MimeMessage m = greenMail.getReceivedMessages()[0];
        String rawSubject = m.getHeader("Subject")[0];
        assertThat(rawSubject).as("an RFC 2047 encoded word, plain ASCII").matches("[\\x20-\\x7e\\r\\n\\t]+").contains("=?UTF-8?Q?");
        assertThat(m.getSubject()).contains("Ünïcödé").doesNotContainPattern("\\p{Cntrl}");
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aPausedEditionStaysPausedWhenTheScheduleOrASendNowFires() throws Exception {
        fx.readers(3, "r", SubscriberStatus.ACTIVE);
        EditionControl control = fx.control(SenderFixture.smtp(smtpPort()), SenderFixture.fast(1));
        try {
            fx.preparer(DigestFixture.config("UTC"), fx.digest.links, SenderFixture.MAIL).prepare(W48, true);
            assertThat(control.pause(W48)).isTrue();

            assertThat(control.trigger(W48)).isEqualTo(EditionControl.Triggered.STARTED);
            Poll.until(() -> !control.isBusy(), java.time.Duration.ofSeconds(20));
            assertThat(control.trigger(W48, EditionSender.Caller.SCHEDULE)).isEqualTo(EditionControl.Triggered.STARTED);
            Poll.until(() -> !control.isBusy(), java.time.Duration.ofSeconds(20));

            assertThat(fx.editions.find(W48).orElseThrow().status()).isEqualTo(EditionStatus.PAUSED);
            assertThat(greenMail.getReceivedMessages()).isEmpty();
            assertThat(control.resume(W48)).isTrue();
            Poll.until(() -> fx.editions.find(W48).orElseThrow().status() == EditionStatus.SENT, java.time.Duration.ofSeconds(20));
            assertThat(greenMail.getReceivedMessages()).as("the operator's resume sends it").hasSize(3);
        } finally {
            control.close();
        }
    }

    @Test
    void aTriggerPlansAndChecksTheEditionOnceAndItsSendUsesWhatWasChecked() throws Exception {
        fx.readers(3, "r", SubscriberStatus.ACTIVE);
        DigestConfig c = DigestFixture.config("UTC");
        // Every edition fails this preflight (1 byte of HTML at most): a sender that prepared the
        // edition again, instead of sending the one the trigger checked, would send nothing.
        DigestConfig failsPreflight = new DigestConfig(c.zone(), c.maxComparisons(), c.sendEmpty(), 1, c.templatesDir(),
                c.baseUrl(), c.comparisonsUrl(), c.postalAddress());
        EditionControl control = new EditionControl(fx.editions, fx.ledger, fx.preparer(c, fx.digest.links, SenderFixture.MAIL),
                () -> fx.sender(fx.preparer(failsPreflight, fx.digest.links, SenderFixture.MAIL), SenderFixture.smtp(smtpPort()),
                        SenderFixture.fast(1)));
        try {
            assertThat(control.trigger(W48)).isEqualTo(EditionControl.Triggered.STARTED);
            Poll.until(() -> !control.isBusy(), java.time.Duration.ofSeconds(20));
        } finally {
            control.close();
        }
        assertThat(fx.editions.find(W48).orElseThrow().status()).isEqualTo(EditionStatus.SENT);
        assertThat(greenMail.getReceivedMessages()).hasSize(3);
    }

    @Test
    void preflightErrorsStopASendBeforeTheFirstMessage() throws Exception {
        fx.readers(2, "r", SubscriberStatus.ACTIVE);
        Path templates = Files.createDirectories(dir.resolve("templates"));
        try (Stream<Path> s = Files.list(Path.of("templates"))) {
            for (Path p : s.toList()) {
                Files.copy(p, templates.resolve(p.getFileName()));
            }
        }
        Files.writeString(templates.resolve("digest.html.vm"), Files.readString(templates.resolve("digest.html.vm"))
                .replace("$links.unsubscribe", "/unsubscribe"));
        var config = new com.verdictdigest.digest.DigestConfig(java.time.ZoneId.of("UTC"), 12, false, 100_000, templates,
                com.verdictdigest.testing.DigestFixture.BASE, java.net.URI.create("https://verdicts.example/compare"), "Addr");
        EditionSender sender = fx.sender(fx.preparer(config, fx.digest.links, SenderFixture.MAIL), SenderFixture.smtp(smtpPort()),
                SenderFixture.fast(1));

        assertThatThrownBy(() -> sender.send(W48)).isInstanceOf(PreflightException.class)
                .hasMessageContaining("relative link '/unsubscribe'");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
