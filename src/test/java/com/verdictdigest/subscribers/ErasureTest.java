package com.verdictdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.bounces.ReportOrigin;
import com.verdictdigest.delivery.DeliveryCounts;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.store.StoredCopies;
import com.verdictdigest.votes.Choice;
import com.verdictdigest.testing.BounceFixture;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.Reports;
import com.verdictdigest.testing.Reports.Recipient;
import com.verdictdigest.testing.TestDatabase;
import com.verdictdigest.testing.Traces;
import com.verdictdigest.week.IsoWeek;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader's data, exported and erased, over a real database after a real send and a real bounce
 * report: the export holds every part; the erasure leaves nothing in any table or file that names
 * the reader, keeps the counts, and its hash keeps the address out of imports but not out of the
 * reader's own sign-up. ({@link ErasureOnPostgresTest}: the same on PostgreSQL.)
 */
class ErasureTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");
    /** As typed; the key is lower-case, and H2 writes both. */
    private static final String ADDRESS = "Erase.Me@example.org";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    BounceFixture bx;
    SubscriptionService subscriptions;
    Subscriber reader;

    @BeforeEach
    void readerWithAHistory() throws Exception {
        bx = new BounceFixture(dir.resolve("db"));
        var db = bx.fx.digest.db.dataSource();
        // The data folder as the application has it: the database, the journals, the outbox, previews.
        // Not started: a sign-up's confirmation mail stays queued.
        ConfirmationQueue queue = new ConfirmationQueue(db, bx.fx.digest.subscribers, reader -> true);
        subscriptions = new SubscriptionService(db, bx.fx.digest.subscribers, new EventLog(db, Clock.systemUTC()), queue,
                new SuppressionList(DigestFixture.SECRET), new StoredCopies(dir, dir.resolve("outbox")), Duration.ofMinutes(15),
                Clock.systemUTC());
        bx.fx.readers(2, "reader", SubscriberStatus.ACTIVE);
        assertThat(subscriptions.add(EmailAddress.parse(ADDRESS), SubscriberStatus.ACTIVE, EventSource.OPERATOR))
                .isEqualTo(SubscriptionService.Added.ADDED);
        reader = bx.reader(ADDRESS);
        Tool tool = subscriptions.toolBySlug("claude-code").orElseThrow();
        subscriptions.bookmark(reader.id(), tool, EventSource.PAGE, W48);
        bx.fx.votes.cast(reader.id(), "claude-code", Choice.SHIP, W48);
        try (Connection con = bx.fx.digest.db.connection(); PreparedStatement ps = con.prepareStatement(
                "INSERT INTO preference (subscriber_id, categories, bookmarked_only, alerts, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, reader.id());
            ps.setString(2, "Developer Tools");
            ps.setBoolean(3, false);
            ps.setBoolean(4, true);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        bx.send(W48, greenMail.getSmtp().getPort());
        // A report quoting the address: a hard bounce, with the server's words kept.
        bx.processor(BounceFixture.config()).process(Reports.dsn(BounceFixture.RETURN_PATH,
                List.of(Recipient.failed(ADDRESS, "5.1.1", "550 5.1.1 <" + ADDRESS + ">: user unknown")), null, false),
                ReportOrigin.MAILBOX, false);
        Files.createDirectories(dir.resolve("outbox"));
        Files.writeString(dir.resolve("outbox/sent.eml"), "To: " + ADDRESS + "\r\n\r\nThe digest\r\n");
        Files.createDirectories(dir.resolve("preview"));
        Files.writeString(dir.resolve("preview/digest.html"), "<p>Sent to " + ADDRESS.toUpperCase() + "</p>");
    }

    @AfterEach
    void close() {
        bx.close();
    }

    @Test
    void theExportHoldsTheAddressStatusPreferencesBookmarksEventsAndEditionsSent() throws Exception {
        JsonNode data = new ObjectMapper().readTree(subscriptions.export(reader.id()).orElseThrow());

        assertThat(data.fieldNames()).toIterable().containsExactly("reader", "preferences", "bookmarks", "votes", "events",
                "editions", "alerts");
        assertThat(data.at("/reader/email").asText()).isEqualTo(ADDRESS);
        assertThat(data.at("/reader/status").asText()).isEqualTo("bounced");
        assertThat(data.at("/reader/created_at").asText()).endsWith("Z");
        assertThat(data.at("/preferences/categories").asText()).isEqualTo("Developer Tools");
        assertThat(data.at("/preferences/alerts").asBoolean()).isTrue();
        assertThat(data.at("/bookmarks/0/tool_slug").asText()).isEqualTo("claude-code");
        assertThat(data.at("/votes/0/tool_slug").asText()).isEqualTo("claude-code");
        assertThat(data.at("/votes/0/choice").asText()).isEqualTo("ship");
        assertThat(data.get("events").findValuesAsText("kind")).containsExactly("subscribe", "bookmark", "vote", "bounce");
        assertThat(data.at("/events/1/edition_week").asText()).isEqualTo("2026-W48");
        assertThat(data.get("editions")).singleElement().satisfies(e -> {
            assertThat(e.get("week").asText()).isEqualTo("2026-W48");
            assertThat(e.get("status").asText()).isEqualTo("sent");
            assertThat(e.get("subject").asText()).isNotBlank();
        });
        assertThat(subscriptions.export(reader.id() + 1000)).as("no such reader").isEmpty();
    }

    @Test
    void erasureLeavesNothingThatNamesTheReaderInAnyTableOrFileAndKeepsTheCounts() throws Exception {
        long edition = bx.fx.editions.find(W48).orElseThrow().id();
        DeliveryCounts before = bx.fx.ledger.counts(edition);
        Map<String, Map<String, Integer>> eventsBefore = bx.events.countsPerEdition();
        Map<String, Map<String, Integer>> readersBefore = bx.events.readersPerEdition();
        try (Connection con = bx.fx.digest.db.connection()) {
            assertThat(Traces.inTables(con, ADDRESS, reader.id())).as("the test finds the reader before").isNotEmpty()
                    .contains("subscriber.email", "report.summary", "event.subscriber_id", "delivery.subscriber_id");
        }

        SubscriptionService.Erased erased = subscriptions.erase(reader.id(), EventSource.PAGE).orElseThrow();

        assertThat(erased.email()).isEqualTo(ADDRESS);
        try (Connection con = bx.fx.digest.db.connection()) {
            assertThat(Traces.inTables(con, ADDRESS, reader.id())).isEmpty();
            assertThat(bx.fx.votes.tally("claude-code").ship()).as("the tally keeps the vote, not the voter").isEqualTo(1);
        }
        assertThat(bx.fx.digest.subscribers.byId(reader.id())).isEmpty();
        assertThat(bx.fx.ledger.counts(edition)).as("the edition's figures").isEqualTo(before);
        assertThat(bx.events.countsPerEdition()).isEqualTo(eventsBefore);
        assertThat(bx.events.readersPerEdition()).isEqualTo(readersBefore);
        assertThat(bx.events("erase")).singleElement().satisfies(e -> {
            assertThat(e.email()).isEqualTo(EventLog.ERASED);
            assertThat(e.source()).isEqualTo("page");
        });
        assertThat(bx.events("bounce")).singleElement().satisfies(e -> assertThat(e.email()).isEqualTo(EventLog.ERASED));
        assertThat(bx.reports.countsByKind()).as("the report is kept, without the address").containsEntry("bounce", 1);

        assertThat(Traces.inFiles(dir, ADDRESS, dir.resolve("outbox"))).as("files of the data folder").isEmpty();
        assertThat(erased.files().masked()).containsExactly(dir.resolve("preview/digest.html"));
        assertThat(erased.files().clean()).isTrue();
        assertThat(erased.files().databaseFile()).isEqualTo(TestDatabase.productName().equals("H2"));
        assertThat(Files.readString(dir.resolve("outbox/sent.eml"))).as("the outbox is left as sent").contains(ADDRESS);

        assertThat(subscriptions.erase(reader.id(), EventSource.PAGE)).as("twice").isEmpty();
    }

    @Test
    void theHashKeepsTheAddressOutOfAddAndImportButNotOutOfTheReadersOwnSignUp() throws Exception {
        subscriptions.erase(reader.id(), EventSource.OPERATOR).orElseThrow();
        EmailAddress email = EmailAddress.parse(ADDRESS.toUpperCase());

        assertThat(subscriptions.add(email, SubscriberStatus.ACTIVE, EventSource.OPERATOR)).isEqualTo(SubscriptionService.Added.SUPPRESSED);
        SubscriberCsv.ImportResult imported = new SubscriberCsv(bx.fx.digest.subscribers, subscriptions).importFrom(
                new StringReader("email\n" + ADDRESS.toLowerCase() + "\nnew@example.com\n"), "list.csv", SubscriberStatus.ACTIVE);
        assertThat(imported.added()).isEqualTo(1);
        assertThat(imported.problems()).containsExactly(
                "list.csv:2: erase.me@example.org was erased at the reader's request (suppression list): only their own sign-up adds it again");
        assertThat(bx.fx.digest.subscribers.find(email)).isEmpty();
        try (Connection con = bx.fx.digest.db.connection()) {
            assertThat(Traces.inTables(con, ADDRESS, reader.id())).as("the list holds a hash, not the address").isEmpty();
        }

        subscriptions.subscribe(EmailAddress.parse(ADDRESS));
        Subscriber again = bx.fx.digest.subscribers.find(email).orElseThrow();
        assertThat(again.status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(again.id()).isNotEqualTo(reader.id());
        assertThat(subscriptions.add(email, SubscriberStatus.ACTIVE, EventSource.OPERATOR))
                .as("still on the list until the reader confirms").isEqualTo(SubscriptionService.Added.SUPPRESSED);
        assertThat(subscriptions.confirm(again.id())).isTrue();
        assertThat(subscriptions.add(email, SubscriberStatus.ACTIVE, EventSource.OPERATOR)).isEqualTo(SubscriptionService.Added.UNCHANGED);
    }

    @Test
    void theOperatorErasesByAddressAndAnAddressErasedBeforeIsCheckedAgain() {
        assertThat(subscriptions.erase(EmailAddress.parse("nobody@example.org"), EventSource.OPERATOR)).isEmpty();

        SubscriptionService.Erased first = subscriptions.erase(EmailAddress.parse(ADDRESS), EventSource.OPERATOR).orElseThrow();
        SubscriptionService.Erased again = subscriptions.erase(EmailAddress.parse(ADDRESS), EventSource.OPERATOR).orElseThrow();

        assertThat(first.before()).isFalse();
        assertThat(again.before()).isTrue();
        assertThat(again.files().clean()).isTrue();
        assertThat(bx.events("erase")).singleElement().satisfies(e -> assertThat(e.source()).isEqualTo("operator"));
    }

    @Test
    void anErasedReadersEventsStillCountAsOneReaderInTheirEdition() {
        Tool tool = subscriptions.toolBySlug("claude-code").orElseThrow();
        subscriptions.removeBookmark(reader.id(), "claude-code", EventSource.PAGE, W48);
        subscriptions.bookmark(reader.id(), tool, EventSource.PAGE, W48); // a second bookmark event of theirs in W48
        Map<String, Map<String, Integer>> readersBefore = bx.events.readersPerEdition();
        assertThat(readersBefore.get("2026-W48")).containsEntry("bookmark", 1);

        subscriptions.erase(reader.id(), EventSource.PAGE).orElseThrow();

        assertThat(bx.events.readersPerEdition()).isEqualTo(readersBefore);
    }

    @Test
    void anErasedReaderWhoReportedSpamIsNeitherStoredNorMailedBySignUpAgain() throws Exception {
        try (Connection con = bx.fx.digest.db.connection()) {
            subscriptions.complained(con, reader.id(), W48);
        }
        subscriptions.erase(reader.id(), EventSource.OPERATOR).orElseThrow();

        subscriptions.subscribe(EmailAddress.parse(ADDRESS));

        assertThat(bx.fx.digest.subscribers.find(EmailAddress.parse(ADDRESS))).isEmpty();
        try (Connection con = bx.fx.digest.db.connection()) {
            assertThat(Traces.inTables(con, ADDRESS, reader.id())).isEmpty();
        }
    }

    @Test
    void anErasedReadersOwnSignUpIsStoredAgainAndAwaitsTheirConfirmation() {
        subscriptions.erase(reader.id(), EventSource.OPERATOR).orElseThrow();

        subscriptions.subscribe(EmailAddress.parse(ADDRESS));

        assertThat(bx.fx.digest.subscribers.find(EmailAddress.parse(ADDRESS))).hasValueSatisfying(
                r -> assertThat(r.status()).isEqualTo(SubscriberStatus.PENDING));
    }
}
