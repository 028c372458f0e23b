package com.verdictdigest.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.editions.EditionPlanner;
import com.verdictdigest.editions.Preflight;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.SitePages;
import com.verdictdigest.week.IsoWeek;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestEmailTest {
    @TempDir
    Path dir;
    private DigestFixture fx;

    @BeforeEach
    void setUp() {
        fx = new DigestFixture(dir.resolve("db"));
        assertThat(fx.importPages("sample").refused()).isEmpty();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private Reader reader(String email, String... bookmarkedTools) {
        fx.subscribers.add(EmailAddress.parse(email), SubscriberStatus.ACTIVE);
        Subscriber s = fx.subscribers.find(EmailAddress.parse(email)).orElseThrow();
        for (String tool : bookmarkedTools) {
            fx.subscribers.addBookmark(s.id(), tool);
        }
        return new Reader(s.id(), s.email(), fx.subscribers.bookmarks(s.id()));
    }

    private Optional<LinkToken> token(String href) {
        String prefix = DigestFixture.BASE + "/";
        assertThat(href).startsWith(prefix);
        String rest = href.substring(prefix.length());
        return fx.links.signer().verify(rest.substring(rest.indexOf('/') + 1));
    }

    @Test
    void holdsEveryComparisonOfTheWeekAndNoneFromAnother() {
        DigestEmail email = fx.render("2026-W48").personalize(reader("ada@example.com"), fx.links);
        Document doc = Jsoup.parse(email.html());

        assertThat(doc.select("h2 a").eachText()).containsExactly(
                "Notion AI vs Granola", "Cursor 3 vs Claude Code", "Mistral 3 Small (22B) vs GPT-5 Fine-Tuning API");
        assertThat(doc.select("h2 a").eachAttr("href")).containsExactly(
                "https://verdicts.example/compare/notion-ai-vs-granola",
                "https://verdicts.example/compare/cursor-3-vs-claude-code",
                "https://verdicts.example/compare/mistral-3-small-22b-vs-gpt-5-fine-tuning-api");
        assertThat(doc.text()).doesNotContain("Windsurf", "Bolt", "Zed AI", "Perplexity Pages")
                .contains("3 new verdicts this week");
        assertThat(email.subject()).contains("Week 48").contains("3 new verdicts");
    }

    @Test
    void showsEveryFigureOfBothTools() {
        DigestEmail email = fx.render("2026-W48").personalize(reader("ada@example.com"), fx.links);
        Element card = Jsoup.parse(email.html()).select("table.card").stream()
                .filter(t -> t.text().contains("Mistral 3 Small (22B) vs GPT-5")).findFirst().orElseThrow();
        Elements tools = card.select("table.tool");
        assertThat(tools).hasSize(2);
        String left = tools.get(0).text();
        String right = tools.get(1).text();

        assertThat(card.text()).contains("Which one should you ship with?");
        assertThat(left).contains("Developer Tools", "Mistral 3 Small (22B)",
                "Open-weight 22B model for edge and consumer hardware inference", "Ship",
                "100% panel ship · 4 ship / 0 skip", "Free · Free (Apache 2.0 open weights on Hugging Face)",
                "No community votes yet", "Builder 85 ship", "Skeptic 78 ship", "Futurist 82 ship",
                "Founder 72 ship", "Average 79/100", "Mistral 3 Small is a 22-billion parameter",
                "Bookmark Mistral 3 Small (22B)");
        assertThat(right).contains("GPT-5 Fine-Tuning API", "Customize OpenAI's flagship model on your proprietary data",
                "75% panel ship · 3 ship / 1 skip", "Paid · Pay-per-token training costs",
                "Builder 82 ship", "Skeptic 78 ship", "Futurist 85 ship", "Founder 55 skip", "Average 75/100");
        assertThat(card.text()).contains("“The primitive is clean: a quantizable 22B transformer you can run locally "
                + "with llama.cpp, Ollama, or vLLM without begging an API for permission.”",
                "— Builder on Mistral 3 Small (22B)");
        Element votes = Jsoup.parse(email.html()).select("table.tool").stream()
                .filter(t -> t.text().contains("Cursor 3")).findFirst().orElseThrow();
        assertThat(votes.text()).contains("1,287 community votes");
    }

    @Test
    void bookmarkLinksAreSignedForThisReaderAndTool() {
        Reader ada = reader("ada@example.com");
        Edition edition = new EditionPlanner(fx.catalog, DigestFixture.config("UTC")).plan(IsoWeek.parse("2026-W48"));
        DigestEmail email = fx.render("2026-W48").personalize(ada, fx.links);
        Elements bookmarks = Jsoup.parse(email.html()).select("a:contains(☆ Bookmark)");

        assertThat(bookmarks).hasSize(6);
        for (Element a : bookmarks) {
            String name = a.text().replace("☆ Bookmark ", "");
            String slug = edition.comparisons().stream()
                    .flatMap(c -> java.util.stream.Stream.of(c.left(), c.right()))
                    .filter(t -> t.name().equals(name)).findFirst().orElseThrow().slug();
            LinkToken t = token(a.attr("href")).orElseThrow();
            assertThat(t.purpose()).isEqualTo(Purpose.BOOKMARK);
            assertThat(t.subscriberId()).isEqualTo(ada.id());
            assertThat(t.toolId()).isEqualTo(edition.toolIds().get(slug));
            assertThat(t.edition()).isEqualTo(IsoWeek.parse("2026-W48"));
        }
    }

    @Test
    void footerCarriesManageUnsubscribeViewAndPostalAddress() {
        Reader ada = reader("ada@example.com");
        DigestEmail email = fx.render("2026-W48").personalize(ada, fx.links);
        Document doc = Jsoup.parse(email.html());

        assertThat(token(doc.selectFirst("a:contains(Manage your subscription)").attr("href")))
                .contains(new LinkToken(Purpose.MANAGE, ada.id(), IsoWeek.parse("2026-W48"), 0));
        String unsubscribe = doc.selectFirst("a:contains(Unsubscribe)").attr("href");
        assertThat(unsubscribe).isEqualTo(email.unsubscribeUrl());
        assertThat(token(unsubscribe)).contains(new LinkToken(Purpose.UNSUBSCRIBE, ada.id(), IsoWeek.parse("2026-W48"), 0));
        assertThat(token(doc.selectFirst("a:contains(View in browser)").attr("href")).orElseThrow().purpose())
                .isEqualTo(Purpose.VIEW);
        assertThat(doc.text()).contains("You receive this email because you subscribed to Weekly AI Tool Verdicts",
                "Verdict Digest, 1 Example Street, Berlin");
        assertThat(email.text()).contains(unsubscribe);
    }

    @Test
    void linksOfOneReaderNeverActForAnother() {
        RenderedEdition edition = fx.render("2026-W48");
        Reader ada = reader("ada@example.com");
        Reader bob = reader("bob@example.com");
        DigestEmail forAda = edition.personalize(ada, fx.links);
        DigestEmail forBob = edition.personalize(bob, fx.links);

        assertThat(token(forAda.unsubscribeUrl()).orElseThrow().subscriberId()).isEqualTo(ada.id());
        assertThat(token(forBob.unsubscribeUrl()).orElseThrow().subscriberId()).isEqualTo(bob.id());
        assertThat(forAda.html()).doesNotContain(forBob.unsubscribeUrl());
    }

    @Test
    void bookmarkedToolsComeFirstMarkedAndListed() {
        Reader ada = reader("ada@example.com", "gpt-5-fine-tuning-api", "windsurf");
        DigestEmail email = fx.render("2026-W48").personalize(ada, fx.links);
        Document doc = Jsoup.parse(email.html());

        assertThat(doc.select("h2 a").eachText()).first().isEqualTo("Mistral 3 Small (22B) vs GPT-5 Fine-Tuning API");
        Elements cards = doc.select("table.card");
        Element section = cards.get(0);
        assertThat(section.text()).startsWith("Your bookmarks").contains("GPT-5 Fine-Tuning API (new verdict below)")
                .contains("Windsurf").doesNotContain("Windsurf (new verdict below)");
        assertThat(cards.get(1).text()).startsWith("★ New verdict on a tool you bookmarked");
        assertThat(doc.text().split("New verdict on a tool you bookmarked", -1)).hasSize(2);
        assertThat(email.text()).contains("YOUR BOOKMARKS", "* New verdict on a tool you bookmarked *");
        assertThat(email.text().indexOf("Mistral 3 Small (22B) vs GPT-5"))
                .isLessThan(email.text().indexOf("Notion AI vs Granola"));

        DigestEmail plain = fx.render("2026-W48").personalize(reader("bob@example.com"), fx.links);
        assertThat(plain.html()).doesNotContain("Your bookmarks", "New verdict on a tool you bookmarked");
    }

    @Test
    void hostilePageTextReachesTheReaderAsHarmlessText() throws Exception {
        Path pages = Files.createDirectories(dir.resolve("hostile"));
        String title = "<script>alert(1)</script> R&D \"quoted\" 'single' 🚀 日本語ツール";
        SitePages.variantWithSlug(pages, "hostile", d -> {
            d.selectFirst("article h1").text(title);
            d.selectFirst("p.dek").text("Tom & Jerry's <b>bold</b> claim");
            d.selectFirst("div.tool[data-side=left] .name").text("<img src=x onerror=alert(2)>");
            d.selectFirst("link[rel=canonical]").attr("href", "https://verdicts.example/compare/hostile?a=1&b=x'y");
            d.selectFirst("div.tool[data-side=left] .description").html("<p onclick=x()>safe <em>text</em></p><script>alert(3)</script>");
            d.selectFirst("meta[property=article:published_time]").attr("content", "2026-11-24T08:00:00Z");
        });
        assertThat(fx.importPages(pages.toString()).refused()).isEmpty();

        DigestEmail email = fx.render("2026-W48").personalize(reader("ada@example.com"), fx.links);
        Document doc = Jsoup.parse(email.html());

        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select("img")).isEmpty();
        assertThat(doc.select("[onclick], [onerror]")).isEmpty();
        assertThat(doc.select("h2 a").eachText()).contains(title);
        assertThat(doc.text()).contains("Tom & Jerry's <b>bold</b> claim", "<img src=x onerror=alert(2)>", "safe text");
        assertThat(doc.select("h2 a").stream().filter(a -> a.text().equals(title)).findFirst().orElseThrow().attr("href"))
                .isEqualTo("https://verdicts.example/compare/hostile?a=1&b=x'y");
        assertThat(email.html()).contains("href=\"https://verdicts.example/compare/hostile?a=1&amp;b=x&#39;y\"");
        assertThat(email.html()).contains("&lt;script&gt;alert(1)&lt;/script&gt; R&amp;D &quot;quoted&quot; &#39;single&#39; 🚀 日本語ツール");
        assertThat(email.text()).contains(title, "Tom & Jerry's <b>bold</b> claim");
    }

    @Test
    void fullEditionOfTwelveStaysUnderTheSizeLimitAndLinksTheRest() throws Exception {
        Path pages = Files.createDirectories(dir.resolve("many"));
        Instant monday = Instant.parse("2026-11-30T06:00:00Z"); // week 49: no sample page there
        for (int i = 0; i < 14; i++) {
            Instant published = monday.plus(i * 10L, ChronoUnit.HOURS);
            SitePages.variantWithSlug(pages, "comparison-" + i, d -> d
                    .selectFirst("meta[property=article:published_time]").attr("content", published.toString()));
        }
        assertThat(fx.importPages(pages.toString()).refused()).isEmpty();
        Reader ada = reader("ada@example.com", "mistral-3-small-22b", "cursor-3", "notion-ai");

        DigestEmail email = fx.render("2026-W49").personalize(ada, fx.links);

        assertThat(Jsoup.parse(email.html()).select("table.card h2")).hasSize(12);
        assertThat(email.html().getBytes(StandardCharsets.UTF_8).length).isLessThan(100_000);
        assertThat(Jsoup.parse(email.html()).selectFirst("a:contains(And 2 more on the site)").attr("href"))
                .isEqualTo("https://verdicts.example/compare");
        assertThat(email.text()).contains("And 2 more on the site:\r\n  https://verdicts.example/compare");
        assertThat(new Preflight(DigestFixture.config("UTC")).check(email)).isEmpty();
    }

    @Test
    void htmlFollowsEmailPractice() {
        DigestEmail email = fx.render("2026-W48").personalize(reader("ada@example.com", "cursor-3"), fx.links);
        Document doc = Jsoup.parse(email.html());

        assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(doc.select("table")).allSatisfy(t -> assertThat(t.attr("role")).isEqualTo("presentation"));
        assertThat(doc.select("table[width=600]").first().attr("style")).contains("max-width:600px");
        assertThat(doc.selectFirst("meta[name=color-scheme]").attr("content")).isEqualTo("light dark");
        assertThat(doc.selectFirst("style").data()).contains("prefers-color-scheme:dark", "max-width:520px");
        // Styles sit on the elements themselves (Gmail drops <style> in some views); cells and bold text
        // inherit from their table, the sanitised description from its styled container.
        assertThat(doc.select("body *"))
                .filteredOn(e -> !e.tagName().matches("table|tbody|tr|td|b") && e.closest(".desc *") == null)
                .allSatisfy(e -> assertThat(e.hasAttr("style")).as("inline style on <%s> %s", e.tagName(), e.text()).isTrue());
        assertThat(doc.select("a[href]")).allSatisfy(a -> assertThat(a.attr("href")).startsWith("https://"));
        assertThat(doc.selectFirst("body > div").text()).as("preheader")
                .isEqualTo("Notion AI vs Granola, Cursor 3 vs Claude Code and 1 more");
    }

    @Test
    void textPartIsReadableWithEveryLinkWrittenOut() {
        Reader ada = reader("ada@example.com", "cursor-3");
        DigestEmail email = fx.render("2026-W48").personalize(ada, fx.links);

        assertThat(email.text()).as("canonical line ends").doesNotContainPattern("[^\\r]\\n");
        assertThat(email.html()).as("canonical line ends").doesNotContainPattern("[^\\r]\\n");
        for (String line : email.text().split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
        }
        for (Element a : Jsoup.parse(email.html()).select("a[href]")) {
            assertThat(email.text()).as("text part carries %s", a.attr("href")).contains(a.attr("href"));
        }
        assertThat(email.text()).contains("  MISTRAL 3 SMALL (22B) - Developer Tools",
                "Verdict: Ship, 100% panel ship (4 ship / 0 skip)",
                "Scorecard: Builder 85 ship, Skeptic 78 ship,\r\n             Futurist 82 ship, Founder 72 ship",
                "Average score: 79/100", "Community: 1,287 community votes");
        assertThat(email.text()).doesNotContain("<p>", "&amp;").doesNotContainPattern("\\$!?\\{?[a-zA-Z]");
    }

    @Test
    void weekBoundariesFollowTheConfiguredTimeZone() {
        Reader ada = reader("ada@example.com");
        DigestEmail utc48 = fx.render("2026-W48", DigestFixture.config("UTC")).personalize(ada, fx.links);
        DigestEmail berlin48 = fx.render("2026-W48", DigestFixture.config("Europe/Berlin")).personalize(ada, fx.links);
        DigestEmail berlin49 = fx.render("2026-W49", DigestFixture.config("Europe/Berlin")).personalize(ada, fx.links);

        assertThat(utc48.html()).contains("Notion AI vs Granola");
        assertThat(berlin48.html()).doesNotContain("Notion AI vs Granola").contains("2 new verdicts this week");
        assertThat(berlin49.html()).contains("Notion AI vs Granola").contains("1 new verdict this week");
    }

    @Test
    void emptyWeekIsAnEmptyEdition() {
        Edition edition = new EditionPlanner(fx.catalog, DigestFixture.config("UTC")).plan(IsoWeek.parse("2026-W50"));
        assertThat(edition.isEmpty()).isTrue();
        DigestEmail email = fx.render("2026-W50").personalize(reader("ada@example.com"), fx.links);
        assertThat(Jsoup.parse(email.html()).select("table.card h2")).isEmpty();
        assertThat(email.html()).contains("No new verdicts this week");
    }

    @Test
    void sampleReaderPreviewPassesPreflight() {
        DigestEmail email = fx.render("2026-W47").personalize(
                new Reader(0, "x@example.com", List.of(new Bookmark("windsurf", "Windsurf"))), fx.links);
        assertThat(new Preflight(DigestFixture.config("UTC")).check(email)).isEmpty();
    }
}
