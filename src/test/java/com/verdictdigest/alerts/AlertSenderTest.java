package com.verdictdigest.alerts;

import static com.verdictdigest.testing.AlertFixture.LEFT;
import static com.verdictdigest.testing.AlertFixture.RIGHT;
import static com.verdictdigest.testing.AlertFixture.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.testing.AlertFixture;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.Inbox;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.TestClock;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bookmark alerts over a real database and a real SMTP server, with a clock the test moves. */
class AlertSenderTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-03-02T09:00:00Z"));
    AlertFixture fx;
    AlertSender alerts;

    @BeforeEach
    void catalogWithOneComparison() {
        fx = new AlertFixture(dir, clock);
        fx.publish("first", doc -> { });
        clock.advance(Duration.ofMinutes(1));
        alerts = fx.sender(SenderFixture.smtp(greenMail.getSmtp().getPort()), Path.of("templates"));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private MimeMessage[] received() {
        return greenMail.getReceivedMessages();
    }

    /** The text part with its lines joined, as a reader reads it. */
    private static String text(MimeMessage m) throws Exception {
        return Inbox.part(m, "text/plain").replaceAll("\\s+", " ");
    }

    private void later(Duration by) {
        clock.advance(by);
    }

    @Test
    void aNewComparisonOfABookmarkedToolAlertsItsReaderOnce() throws Exception {
        Subscriber reader = fx.reader("ada@example.com", true, LEFT);
        later(Duration.ofMinutes(5));
        fx.publish("second", doc -> doc.selectFirst("article h1").text("Mistral again, against GPT-5"));

        assertThat(alerts.sendDue()).isEqualTo(new AlertRun(1, 0, 0, 0));
        assertThat(alerts.sendDue().sent()).as("the same change, the same day").isZero();
        later(Duration.ofDays(3));
        assertThat(alerts.sendDue().sent()).as("the same change, days later").isZero();

        assertThat(received()).hasSize(1);
        assertThat(text(received()[0]))
                .contains("Mistral 3 Small (22B): Ship from the panel in the new comparison \"Mistral again, against GPT-5\"");
        assertThat(fx.count("SELECT COUNT(*) FROM reader_alert WHERE status = 'sent' AND subscriber_id = " + reader.id())).isEqualTo(1);
    }

    @Test
    void twoPassesThatBothFoundAReaderDueClaimTheirAlertOnceEvenAcrossMidnight() {
        Subscriber reader = fx.reader("ada@example.com", true, LEFT);
        later(Duration.ofMinutes(5));
        fx.publish("second", doc -> doc.selectFirst("article h1").text("Mistral again, against GPT-5"));
        AlertLedger ledger = new AlertLedger(fx.db.dataSource());
        Instant now = clock.instant();
        List<VerdictChange> changes = ledger.changesFor(reader.id(), now.minus(Duration.ofDays(7)));
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);

        // A pass that began before midnight and one after (or two processes) both found the reader due.
        assertThat(ledger.claim(new Alert(reader.id(), reader.email(), today, changes), now)).isTrue();
        assertThat(ledger.claim(new Alert(reader.id(), reader.email(), today.plusDays(1), changes), now.plusSeconds(60))).isFalse();
        assertThat(fx.count("SELECT COUNT(*) FROM reader_alert WHERE subscriber_id = " + reader.id())).isEqualTo(1);
    }

    @Test
    void aChangedPanelVerdictOnReimportAlertsOnceAndTheSamePageAgainRecordsNothing() throws Exception {
        fx.reader("ada@example.com", true, LEFT);
        later(Duration.ofMinutes(5));
        fx.publish("first", verdict("left", "Skip"));
        int changes = fx.count("SELECT COUNT(*) FROM verdict_change");
        fx.publish("first", verdict("left", "Skip"));
        assertThat(fx.count("SELECT COUNT(*) FROM verdict_change")).as("the same page imported again").isEqualTo(changes);

        assertThat(alerts.sendDue().sent()).isEqualTo(1);
        later(Duration.ofDays(2));
        assertThat(alerts.sendDue().sent()).isZero();

        assertThat(received()).hasSize(1);
        Document html = Jsoup.parse(Inbox.part(received()[0], "text/html"));
        assertThat(html.select("li.change")).hasSize(1);
        assertThat(html.selectFirst("li.change .tool").text()).isEqualTo("Mistral 3 Small (22B)");
        assertThat(html.selectFirst("li.change .old-verdict").text()).isEqualTo("Ship");
        assertThat(html.selectFirst("li.change .verdict").text()).isEqualTo("Skip");
        assertThat(text(received()[0])).contains("the panel's verdict changed from Ship to Skip");
    }

    @Test
    void aSecondChangeTheSameDayWaitsForTheNextDaysAlert() throws Exception {
        fx.reader("ada@example.com", true, LEFT);
        later(Duration.ofMinutes(5));
        fx.publish("second", doc -> doc.selectFirst("article h1").text("Second look"));
        assertThat(alerts.sendDue().sent()).isEqualTo(1);

        later(Duration.ofHours(2));
        fx.publish("third", doc -> doc.selectFirst("article h1").text("Third look"));
        assertThat(alerts.sendDue().sent()).as("one alert a day").isZero();
        later(Duration.ofHours(20));
        assertThat(alerts.sendDue().sent()).as("a new day, but not 24 hours since the first").isZero();
        later(Duration.ofHours(3));
        assertThat(alerts.sendDue().sent()).isEqualTo(1);

        assertThat(received()).hasSize(2);
        String second = text(received()[1]);
        assertThat(second).contains("Third look").doesNotContain("Second look");
    }

    @Test
    void readersWithoutAlertsUnsubscribedOrWithoutTheBookmarkGetNothing() throws Exception {
        fx.reader("alerted@example.com", true, LEFT);
        fx.reader("no-alerts@example.com", false, LEFT, RIGHT);
        Subscriber left = fx.reader("left@example.com", true, LEFT);
        fx.subscriptions.unsubscribe(left.id(), EventSource.PAGE, null);
        fx.reader("no-bookmark@example.com", true);
        later(Duration.ofMinutes(5));
        fx.publish("first", verdict("left", "Skip"));
        later(Duration.ofMinutes(5));
        fx.reader("bookmarked-after@example.com", true, LEFT);

        assertThat(alerts.sendDue().sent()).isEqualTo(1);
        assertThat(Inbox.byRecipient(received())).containsOnlyKeys("alerted@example.com");
    }

    @Test
    void aChangeOlderThanTheWindowIsLeftToTheDigest() {
        fx.reader("ada@example.com", true, LEFT);
        later(Duration.ofMinutes(5));
        fx.publish("second", doc -> { });
        later(Duration.ofDays(8));

        assertThat(alerts.sendDue().sent()).isZero();
        assertThat(received()).isEmpty();
    }

    @Test
    void theAlertEscapesWhatThePageSaysAndCarriesTheListHeadersOfEveryMail() throws Exception {
        Subscriber reader = fx.reader("ada@example.com", true, LEFT, RIGHT);
        later(Duration.ofMinutes(5));
        fx.publish("second", doc -> doc.selectFirst("article h1").text("Mistral <b>vs</b> GPT & co"));
        alerts.sendDue();

        MimeMessage m = received()[0];
        assertThat(m.getSubject()).isEqualTo("New verdicts on tools you bookmarked");
        assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        String header = m.getHeader("List-Unsubscribe", null);
        String unsubscribe = header.substring(1, header.indexOf('>'));
        assertThat(unsubscribe).startsWith(DigestFixture.BASE + "/u/");
        assertThat(m.getHeader("List-Id", null)).contains("weekly.verdicts.example");
        assertThat(m.getMessageID()).startsWith("<alert-2026-03-02-" + reader.id() + "-").endsWith("@verdicts.example>");
        assertThat(m.getHeader("Feedback-ID", null)).contains(":alert:");

        Document html = Jsoup.parse(Inbox.part(m, "text/html"));
        assertThat(html.select("li.change")).hasSize(2);
        assertThat(html.select("a.comparison")).allSatisfy(a -> {
            assertThat(a.text()).isEqualTo("Mistral <b>vs</b> GPT & co");
            assertThat(a.attr("href")).isEqualTo("https://verdicts.example/compare/mistral-3-small-22b-vs-gpt-5-fine-tuning-api");
        });
        assertThat(html.select("li.change b")).noneMatch(b -> b.text().equals("vs"));
        assertThat(html.selectFirst("a.unsubscribe").attr("href")).isEqualTo(unsubscribe);
        assertThat(html.selectFirst("a.manage").attr("href")).startsWith(DigestFixture.BASE + "/m/");
        assertThat(text(m)).contains(unsubscribe, "Mistral <b>vs</b> GPT & co");
        assertThat(Inbox.part(m, "text/plain").lines()).allMatch(line -> line.length() <= 78 || !line.strip().contains(" "));
    }

    @Test
    void anAlertThatFailsPreflightIsNeitherSentNorRecorded() throws Exception {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        try (Stream<Path> files = Files.list(Path.of("templates"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, templates.resolve(f.getFileName()));
            }
        }
        Files.writeString(templates.resolve("alert.html.vm"), "<p>#foreach($c in $changes)$c.toolName #end</p>");
        fx.reader("ada@example.com", true, LEFT);
        later(Duration.ofMinutes(5));
        fx.publish("second", doc -> { });

        AlertSender broken = fx.sender(SenderFixture.smtp(greenMail.getSmtp().getPort()), templates);
        assertThatThrownBy(broken::sendDue).isInstanceOf(AlertPreflightException.class).hasMessageContaining("no unsubscribe link");
        assertThat(received()).isEmpty();
        assertThat(fx.count("SELECT COUNT(*) FROM reader_alert")).isZero();
        assertThat(alerts.sendDue().sent()).as("the reader still gets it once the template is fixed").isEqualTo(1);
    }
}
