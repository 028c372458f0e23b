package com.verdictdigest.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.verdictdigest.store.Database;
import com.verdictdigest.testing.SitePages;
import com.verdictdigest.testing.TestDatabase;
import com.verdictdigest.week.IsoWeek;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogImporterTest {
    private static final CatalogConfig LIMITS = new CatalogConfig("sample", 200_000, Duration.ofSeconds(2), 50);

    @TempDir
    Path dir;
    private Database db;
    private CatalogRepository catalog;
    private HttpServer server;

    @BeforeEach
    void open() {
        db = TestDatabase.open(dir.resolve("db"));
        catalog = new CatalogRepository(db.dataSource(), Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.stop(0);
        }
        db.close();
    }

    private ImportReport importFrom(CatalogConfig config, String... sources) {
        return new CatalogImporter(config, catalog).importFrom(List.of(sources));
    }

    @Test
    void seedPageIsStoredAndReadBackWithEveryField() throws Exception {
        ImportReport report = importFrom(LIMITS, SitePages.SEED.toString());

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.refused()).isEmpty();
        Comparison stored = catalog.all().get(0);
        assertThat(stored).isEqualTo(ComparisonPageParser.parse(SitePages.seed()));
    }

    @Test
    void importingASlugAgainUpdatesItInPlace() throws Exception {
        importFrom(LIMITS, SitePages.SEED.toString());
        long idBefore = single("SELECT id FROM comparison");
        Path changed = SitePages.variant(dir, "seed-updated.html", d -> {
            d.selectFirst("article h1").text("Mistral 3 Small vs GPT-5 Fine-Tuning (updated)");
            d.selectFirst(".review .points").text("90");
        });

        ImportReport report = importFrom(LIMITS, changed.toString());

        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.imported()).isZero();
        assertThat(single("SELECT COUNT(*) FROM comparison")).isEqualTo(1);
        assertThat(single("SELECT COUNT(*) FROM review")).isEqualTo(8);
        assertThat(single("SELECT COUNT(*) FROM tool")).isEqualTo(2);
        assertThat(single("SELECT id FROM comparison")).isEqualTo(idBefore);
        Comparison stored = catalog.all().get(0);
        assertThat(stored.title()).isEqualTo("Mistral 3 Small vs GPT-5 Fine-Tuning (updated)");
        assertThat(stored.left().reviews().get(0).score()).isEqualTo(90);
    }

    @Test
    void importingAnUnchangedPageAgainLeavesItAsItWas() throws Exception {
        importFrom(LIMITS, SitePages.SEED.toString());
        long importedAt = single("SELECT EXTRACT(EPOCH FROM imported_at) * 1000 FROM comparison");

        ImportReport again = importFrom(LIMITS, SitePages.SEED.toString());

        assertThat(again.summary()).isEqualTo("Import finished: 0 imported, 0 updated, 1 unchanged, 0 refused");
        assertThat(single("SELECT EXTRACT(EPOCH FROM imported_at) * 1000 FROM comparison")).isEqualTo(importedAt);
    }

    @Test
    void brokenPagesAreRefusedOneLineEachAndTheOthersStillGoIn() throws Exception {
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.copy(SitePages.SEED, site.resolve("a-good.html"));
        SitePages.variantWithSlug(site, "b-score", d -> d.selectFirst(".review .points").text("140"));
        SitePages.variant(site, "c-no-slug.html", d -> d.selectFirst("article.comparison").removeAttr("data-slug"));
        SitePages.variantWithSlug(site, "d-good-too", d -> { });
        Files.writeString(site.resolve("e-other.html"), "<html><body><p>hello</p></body></html>");

        ImportReport report = importFrom(LIMITS, site.toString());

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.refused()).containsExactly(
                site.resolve("b-score.html") + ": builder review of 'mistral-3-small-22b' score 140 is outside 0..100",
                site.resolve("c-no-slug.html") + ": no comparison slug (article[data-slug])",
                site.resolve("e-other.html") + ": neither a comparison page (article.comparison) nor an index (ol.comparisons)");
        assertThat(report.summary()).isEqualTo("Import finished: 2 imported, 0 updated, 0 unchanged, 3 refused");
    }

    @Test
    void aFieldLongerThanTheCatalogHoldsRefusesItsPageAndTheNextStillGoIn() throws Exception {
        Path site = SitePages.siteWithAnOverLongMiddlePage(dir.resolve("site"), java.time.Instant.parse("2026-11-24T10:00:00Z"));

        ImportReport report = importFrom(LIMITS, site.toString());

        assertThat(report.refused()).containsExactly(
                site.resolve("b-too-long.html") + ": title is 1001 characters long; at most 1000 are allowed");
        assertThat(report.summary()).isEqualTo("Import finished: 2 imported, 0 updated, 0 unchanged, 1 refused");
        assertThat(catalog.all()).extracting(Comparison::slug).containsExactlyInAnyOrder("a-first", "c-last");
    }

    @Test
    void aPageOverTheSizeCapIsRefused() throws Exception {
        Path big = SitePages.variantWithSlug(dir, "big", d -> d.selectFirst("p.dek").text("x".repeat(300_000)));

        ImportReport report = importFrom(LIMITS, big.toString(), "no/such/page.html");

        assertThat(report.refused()).containsExactly(
                big + ": larger than catalog.max-page-bytes (200000 bytes)",
                "no/such/page.html: no such file or folder");
        assertThat(catalog.all()).isEmpty();
    }

    @Test
    void indexServedOverHttpIsFollowed() throws Exception {
        String page = SitePages.seedHtml();
        String second = page.replace("data-slug=\"mistral-3-small-22b-vs-gpt-5-fine-tuning-api\"", "data-slug=\"second\"");
        String broken = page.replace("<span class=\"points\">85</span>", "<span class=\"points\">140</span>")
                .replace("data-slug=\"mistral-3-small-22b-vs-gpt-5-fine-tuning-api\"", "data-slug=\"broken\"");
        String index = "<html><body><ol class=\"comparisons\">"
                + "<li class=\"comparison-link\"><a href=\"mistral.html\">1</a></li>"
                + "<li class=\"comparison-link\"><a href=\"/compare/second.html\">2</a></li>"
                + "<li class=\"comparison-link\"><a href=\"broken.html\">3</a></li>"
                + "<li class=\"comparison-link\"><a href=\"missing.html\">4</a></li>"
                + "<li class=\"comparison-link\"><a href=\"https://elsewhere.example/x.html\">5</a></li>"
                + "</ol></body></html>";
        String base = serve(Map.of("/compare/", index, "/compare/mistral.html", page,
                "/compare/second.html", second, "/compare/broken.html", broken));

        ImportReport report = importFrom(LIMITS, base + "/compare/");

        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.refused()).containsExactly(
                base + "/compare/broken.html: builder review of 'mistral-3-small-22b' score 140 is outside 0..100",
                base + "/compare/missing.html: HTTP status 404",
                base + "/compare/: link 'https://elsewhere.example/x.html' leaves the index's own site; not followed");
        assertThat(catalog.all()).extracting(Comparison::slug)
                .containsExactlyInAnyOrder("mistral-3-small-22b-vs-gpt-5-fine-tuning-api", "second");
    }

    @Test
    void aSlowPageTimesOutAndAnIndexIsCappedInPages() throws Exception {
        String page = SitePages.seedHtml();
        StringBuilder index = new StringBuilder("<ol class=\"comparisons\">");
        index.append("<li class=\"comparison-link\"><a href=\"slow.html\">slow</a></li>");
        index.append("<li class=\"comparison-link\"><a href=\"ok.html\">ok</a></li>");
        for (int i = 0; i < 5; i++) {
            index.append("<li class=\"comparison-link\"><a href=\"extra").append(i).append(".html\">x</a></li>");
        }
        index.append("</ol>");
        String base = serve(Map.of("/i.html", index.toString(), "/ok.html", page, "/slow.html", "SLOW"));
        CatalogConfig tight = new CatalogConfig("sample", 200_000, Duration.ofMillis(700), 2);

        long start = System.nanoTime();
        ImportReport report = importFrom(tight, base + "/i.html");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.refused()).containsExactly(
                base + "/i.html: lists 7 pages; only the first 2 were read (catalog.max-pages)",
                base + "/slow.html: no complete answer within 0.7 s");
        assertThat(millis).as("the slow page was abandoned at its time-out").isLessThan(5_000);
    }

    @Test
    void bundledSampleSiteHoldsAtLeastSixComparisonsOverThreeWeeks() {
        ImportReport report = importFrom(LIMITS, "sample");

        assertThat(report.refused()).isEmpty();
        List<Comparison> all = catalog.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(6);
        Set<IsoWeek> weeks = all.stream().map(c -> IsoWeek.of(c.published(), ZoneOffset.UTC)).collect(Collectors.toSet());
        assertThat(weeks).hasSizeGreaterThanOrEqualTo(3);
        assertThat(all).extracting(Comparison::slug).contains("mistral-3-small-22b-vs-gpt-5-fine-tuning-api");
        Map<String, Long> toolUses = all.stream().flatMap(c -> java.util.stream.Stream.of(c.left(), c.right()))
                .collect(Collectors.groupingBy(ToolFigures::slug, Collectors.counting()));
        assertThat(toolUses.values()).as("a tool appears in several comparisons").contains(2L);
    }

    private long single(String sql) throws Exception {
        try (Connection con = db.connection(); Statement st = con.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Serves fixed pages on a loopback port; the body "SLOW" stalls longer than any test time-out. */
    private String serve(Map<String, String> pages) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = pages.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            if (body.equals("SLOW")) {
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write("<html>".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(3_000);
                } catch (InterruptedException | IOException e) {
                    return;
                }
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
