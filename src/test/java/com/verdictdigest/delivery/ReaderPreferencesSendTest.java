package com.verdictdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.editions.EditionProofs;
import com.verdictdigest.subscribers.Preferences;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.votes.Choice;
import com.verdictdigest.testing.Inbox;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.week.IsoWeek;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Week 48 of the sample site holds, newest first, one Productivity comparison (Notion AI vs Granola)
 * and two of Developer Tools (Cursor 3 vs Claude Code, Mistral 3 Small vs GPT-5 Fine-Tuning API).
 */
class ReaderPreferencesSendTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");
    private static final String MISTRAL = "Mistral 3 Small (22B) vs GPT-5 Fine-Tuning API";
    private static final String CURSOR = "Cursor 3 vs Claude Code";
    private static final String NOTION = "Notion AI vs Granola";

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

    private Subscriber reader(String name, Preferences preferences, String... bookmarks) {
        Subscriber s = fx.readers(1, name, SubscriberStatus.ACTIVE).get(0);
        for (String slug : bookmarks) {
            fx.subscriptions.bookmark(s.id(), fx.subscriptions.toolBySlug(slug).orElseThrow(), EventSource.OPERATOR, null);
        }
        fx.subscriptions.choose(s.id(), preferences, EventSource.PAGE, null);
        return s;
    }

    private static Preferences following(String... categories) {
        return new Preferences(Set.of(categories), false, null, false);
    }

    private static List<String> titles(MimeMessage m) throws Exception {
        Document html = Jsoup.parse(Inbox.part(m, "text/html"));
        return html.select("table.card h2").eachText();
    }

    @Test
    void eachReaderGetsTheComparisonsOfTheCategoriesTheyFollow() throws Exception {
        Subscriber everything = reader("everything", Preferences.DEFAULT);
        Subscriber developer = reader("developer", following("Developer Tools"));
        Subscriber productive = reader("productive", following("Productivity"));
        Subscriber both = reader("both", following("Productivity", "Developer Tools"), "mistral-3-small-22b");

        SendSummary summary = fx.sender(SenderFixture.smtp(greenMail.getSmtp().getPort()), SenderFixture.fast(2)).send(W48);

        assertThat(summary.counts().sent()).isEqualTo(4);
        Map<String, MimeMessage> got = Inbox.byRecipient(greenMail.getReceivedMessages());
        assertThat(titles(got.get(everything.email()))).containsExactly(NOTION, CURSOR, MISTRAL);
        assertThat(titles(got.get(developer.email()))).containsExactly(CURSOR, MISTRAL);
        assertThat(titles(got.get(productive.email()))).containsExactly(NOTION);
        assertThat(titles(got.get(both.email()))).as("a bookmarked tool's comparison comes first").containsExactly(MISTRAL, NOTION, CURSOR);

        String developerText = Inbox.part(got.get(developer.email()), "text/plain");
        assertThat(developerText).contains(CURSOR, MISTRAL, "2 new verdicts for you this week").doesNotContain(NOTION);
        assertThat(got.get(developer.email()).getSubject()).isEqualTo("Week 48: 2 new verdicts · " + CURSOR + " and more");
        String productiveText = Inbox.part(got.get(productive.email()), "text/plain");
        assertThat(productiveText).contains(NOTION, "1 new verdict for you this week").doesNotContain(CURSOR, MISTRAL);
        assertThat(got.get(productive.email()).getSubject()).isEqualTo("Week 48: 1 new verdict · " + NOTION);
        assertThat(Jsoup.parse(Inbox.part(got.get(productive.email()), "text/html")).selectFirst("h1").text())
                .isEqualTo("1 new verdict for you this week");
        assertThat(got.get(everything.email()).getSubject()).isEqualTo("Week 48: 3 new verdicts · " + NOTION + " and more");
    }

    @Test
    void readersWithNothingThisWeekArePausedOrSkippedWithTheReasonAndCounted() throws Exception {
        Instant now = Instant.now();
        Subscriber design = reader("design", following("Design"));
        Subscriber quietBookmarks = reader("quiet", new Preferences(Set.of(), true, null, false), "v0");
        Subscriber newsOnBookmark = reader("news", new Preferences(Set.of(), true, null, false), "cursor-3");
        Subscriber paused = reader("paused", new Preferences(Set.of(), false, now.plus(Duration.ofDays(14)), false));
        Subscriber pauseOver = reader("over", new Preferences(Set.of(), false, now.minus(Duration.ofMinutes(1)), false));

        SendSummary summary = fx.sender(SenderFixture.smtp(greenMail.getSmtp().getPort()), SenderFixture.fast(2)).send(W48);

        assertThat(summary.outcome()).isEqualTo(SendSummary.Outcome.SENT);
        assertThat(summary.counts().sent()).isEqualTo(2);
        assertThat(summary.counts().skipped()).isEqualTo(3);
        Map<String, MimeMessage> got = Inbox.byRecipient(greenMail.getReceivedMessages());
        assertThat(got).containsOnlyKeys(newsOnBookmark.email(), pauseOver.email());
        assertThat(titles(got.get(newsOnBookmark.email()))).containsExactly(CURSOR, NOTION, MISTRAL);
        long edition = fx.editions.find(W48).orElseThrow().id();
        assertThat(fx.ledger.skipReasons(edition))
                .containsExactlyInAnyOrderEntriesOf(Map.of("nothing-followed", 1, "no-bookmark-news", 1, "paused", 1));
        assertThat(List.of(design, quietBookmarks, paused)).noneMatch(s -> got.containsKey(s.email()));
    }

    @Test
    void theReadersTallyShowsBesideThePanelsVerdictOnceEnoughVotedAndEachToolHasItsVoteLinks() throws Exception {
        List<Subscriber> voters = fx.readers(4, "voter", SubscriberStatus.ACTIVE);
        fx.votes.cast(voters.get(0).id(), "cursor-3", Choice.SHIP, W48);
        fx.votes.cast(voters.get(1).id(), "cursor-3", Choice.SHIP, W48);
        fx.votes.cast(voters.get(2).id(), "cursor-3", Choice.SKIP, W48);
        fx.votes.cast(voters.get(3).id(), "granola", Choice.SHIP, W48); // one vote: under the threshold of 3

        fx.sender(SenderFixture.smtp(greenMail.getSmtp().getPort()), SenderFixture.fast(2)).send(W48);

        MimeMessage copy = Inbox.byRecipient(greenMail.getReceivedMessages()).get(voters.get(0).email());
        Document html = Jsoup.parse(Inbox.part(copy, "text/html"));
        assertThat(html.select("p:contains(Readers:)").eachText()).containsExactly("Readers: 67% ship, 3 votes");
        assertThat(Inbox.part(copy, "text/plain")).contains("Readers: 67% ship, 3 votes").doesNotContain("1 vote");
        assertThat(html.select("a:contains(Ship it)")).hasSize(6);
        assertThat(html.select("a:contains(Ship it)").eachAttr("href")).allMatch(h -> h.matches("https://news\\.verdicts\\.example/s/[^?]+\\?v=ship"));
        assertThat(html.select("a:contains(Skip it)").eachAttr("href")).allMatch(h -> h.endsWith("?v=skip"));
    }

    @Test
    void aDryRunCountsOnlyTheReadersWhoWouldGetACopy() {
        reader("everything", Preferences.DEFAULT);
        reader("design", following("Design"));
        reader("paused", new Preferences(Set.of(), false, Instant.now().plus(Duration.ofDays(7)), false));

        EditionProofs.DryRun dry = new EditionProofs(fx.preparer(DigestFixture.config("UTC"), fx.digest.links, SenderFixture.MAIL),
                fx.digest.subscribers, SenderFixture.smtp(greenMail.getSmtp().getPort())).dryRun(W48);

        assertThat(dry.copies()).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void savesOfTheSamePreferencesAtOnceAllSucceedAndCountEachChangeOnce() throws Exception {
        Subscriber ada = reader("ada", Preferences.DEFAULT);
        List<Preferences> choices = List.of(following("Design"), following("Productivity"), Preferences.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> saves = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                Preferences p = choices.get(i % choices.size());
                saves.add(pool.submit(() -> fx.subscriptions.choose(ada.id(), p, EventSource.PAGE, W48)));
            }
            for (Future<?> save : saves) {
                save.get(30, TimeUnit.SECONDS); // none fails on a duplicate row or a starved pool
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(choices).contains(fx.digest.subscribers.preferences(ada.id()));
        assertThat(new EventLog(fx.digest.db.dataSource(), java.time.Clock.systemUTC()).list(W48))
                .allMatch(e -> e.kind().equals("preferences")).hasSizeLessThanOrEqualTo(60);
    }
}
