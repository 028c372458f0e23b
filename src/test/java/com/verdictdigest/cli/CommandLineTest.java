package com.verdictdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.verdictdigest.Main;
import com.verdictdigest.testing.SitePages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Result run(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.putIfAbsent("VERDICTS_DATA_DIR", dir.resolve("data").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private Result run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void importOfTheSampleSiteThenListAsJson() throws Exception {
        Result imported = run("import");
        assertThat(imported.exit()).isZero();
        assertThat(imported.out()).contains("Import finished: 7 imported, 0 updated, 0 unchanged, 0 refused");

        Result listed = run("comparisons", "list", "--week", "2026-W48", "--format", "json");
        assertThat(listed.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(listed.out());
        assertThat(json).hasSize(3);
        JsonNode seed = null;
        for (JsonNode c : json) {
            assertThat(c.get("week").asText()).isEqualTo("2026-W48");
            if (c.get("slug").asText().equals("mistral-3-small-22b-vs-gpt-5-fine-tuning-api")) {
                seed = c;
            }
        }
        assertThat(seed).isNotNull();
        assertThat(seed.get("published").asText()).isEqualTo("2026-11-23T10:00:00Z");
        JsonNode right = seed.get("tools").get(1);
        assertThat(right.get("slug").asText()).isEqualTo("gpt-5-fine-tuning-api");
        assertThat(right.get("panelShip").asInt()).isEqualTo(3);
        assertThat(right.get("panelSkip").asInt()).isEqualTo(1);
        assertThat(right.get("panelShipPercent").asInt()).isEqualTo(75);
        assertThat(right.get("entry").asText()).isEqualTo("Paid");
        assertThat(right.get("reviews").get(3).get("score").asInt()).isEqualTo(55);
        assertThat(right.get("reviews").get(3).get("verdict").asText()).isEqualTo("skip");
    }

    @Test
    void weekFollowsTheConfiguredTimeZone() {
        run("import");
        Map<String, String> berlin = Map.of("VERDICTS_DIGEST_TIMEZONE", "Europe/Berlin");
        assertThat(run(berlin, "comparisons", "list", "--week", "2026-W49").out())
                .contains("notion-ai-vs-granola").contains("1 comparison (times in Europe/Berlin)");
        assertThat(run("comparisons", "list", "--week", "2026-W49").out()).contains("0 comparisons");
    }

    @Test
    void refusedPageMakesImportExitNonZeroWithASummary() throws Exception {
        Path bad = SitePages.variantWithSlug(Files.createDirectories(dir.resolve("pages")), "bad",
                d -> d.selectFirst(".review .points").text("140"));
        Result r = run("import", bad.toString(), SitePages.SEED.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Import finished: 1 imported, 0 updated, 0 unchanged, 1 refused");
    }

    @Test
    void anOverLongPageIsRefusedWithOneLineAndTheOthersImported() throws Exception {
        Path site = SitePages.siteWithAnOverLongMiddlePage(dir.resolve("site"), java.time.Instant.parse("2026-11-24T10:00:00Z"));

        Result r = run("import", site.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Import finished: 2 imported, 0 updated, 0 unchanged, 1 refused");
        assertThat(r.err()).doesNotContain("Exception");
    }

    /** One line on stderr naming the setting, exit 2, no stack trace. */
    private static void oneLine(Result r, String... expected) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).contains(expected).doesNotContain("\n", "Exception", "\tat ");
    }

    @Test
    void settingsThatCannotWorkStopStartUpWithOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");
        Path key = Files.writeString(dir.resolve("not-a-key.pem"), "hello");

        oneLine(run(Map.of("VERDICTS_SITE_BASE_URL", "https://news.example/?a=1#top"), "digest", "preview", "--week", "2026-W48"),
                "site.base-url", "without query, fragment");
        oneLine(run(Map.of("VERDICTS_DATA_DIR", file.resolve("data").toString()), "import"), "data.dir", "cannot be made into a folder");
        oneLine(run(Map.of("VERDICTS_MAIL_DKIM_DOMAIN", "verdicts.example", "VERDICTS_MAIL_DKIM_SELECTOR", "s1",
                "VERDICTS_MAIL_DKIM_PRIVATE_KEY", key.toString()), "serve"), "mail.dkim.private-key", "not a PKCS#8 PEM key");
        oneLine(run(Map.of("VERDICTS_HTTP_HOST", "999.1.1.1", "VERDICTS_ADMIN_TOKEN", "test-admin-token-0123456789abcdef"), "serve"),
                "http.host = '999.1.1.1' is not an address of this machine");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            oneLine(run(Map.of("VERDICTS_HTTP_PORT", String.valueOf(taken.getLocalPort()),
                    "VERDICTS_ADMIN_TOKEN", "test-admin-token-0123456789abcdef"), "serve"), "cannot listen on", "http.port = " + taken.getLocalPort());
        }
    }

    @Test
    void badSettingIsOneLineWithoutStackTrace() {
        Result r = run(Map.of("VERDICTS_CATALOG_MAX_PAGES", "0"), "comparisons", "list");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("config: catalog.max-pages = '0' (from environment variable "
                + "VERDICTS_CATALOG_MAX_PAGES) is not valid: expected a whole number from 1 to 100000");
    }

    @Test
    void badWeekOptionIsOneLine() {
        Result r = run("comparisons", "list", "--week", "week 48");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("--week: 'week 48' is not an ISO week; expected the form 2026-W48");
    }

    @Test
    void digestPreviewWritesBothPartsAndPassesPreflight() throws Exception {
        run("import");
        Path out = dir.resolve("preview");
        Result r = run("digest", "preview", "--week", "2026-W48", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("HTML:    " + out.resolve("2026-W48.html"), "Text:    " + out.resolve("2026-W48.txt"),
                "Preflight: passed", "sample.reader@example.com");
        assertThat(Files.readString(out.resolve("2026-W48.html"))).contains("Mistral 3 Small (22B) vs GPT-5 Fine-Tuning API");
        assertThat(Files.readString(out.resolve("2026-W48.txt"))).contains("3 new verdicts this week");
    }

    @Test
    void previewForAnUnknownSubscriberSaysSo() {
        run("import");
        Result r = run("digest", "preview", "--week", "2026-W48", "--as", "nobody@example.com");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("--as: no subscriber nobody@example.com");
    }

    @Test
    void previewOfAnEmptyWeekSaysItIsNotSent() {
        run("import");
        Result r = run("digest", "preview", "--week", "2026-W50", "--out", dir.resolve("p").toString());
        assertThat(r.out()).contains("2026-W50 has no comparisons: an empty edition is not sent (digest.send-empty=false)");
    }

    @Test
    void subscribersAddRefusesBadAddressesAndListsAsJson() throws Exception {
        Result added = run("subscribers", "add", "--active", "Ada@Example.COM", "not-mail", "ada@example.com");
        assertThat(added.exit()).isEqualTo(1);
        assertThat(added.out()).contains("added Ada@example.com (active)", "already there: Ada@example.com (active)");
        assertThat(added.err()).contains("refused: 'not-mail' is not a valid email address");

        JsonNode list = new ObjectMapper().readTree(run("subscribers", "list", "--status", "active", "--format", "json").out());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("email").asText()).isEqualTo("Ada@example.com");
        assertThat(run("subscribers", "list", "--status", "gone").err()).contains("--status: 'gone' is not one of");
    }

    @Test
    void subscribersImportReportsBadRowsByLineAndExportWritesEveryReader() throws Exception {
        Path csv = dir.resolve("readers.csv");
        Files.writeString(csv, "name,email\nAda,ada@example.com\nBob,x@\nCy,cy@example.com\n");

        Result imported = run("subscribers", "import", csv.toString(), "--active");
        Result exported = run("subscribers", "export", dir.resolve("out.csv").toString());

        assertThat(imported.exit()).isEqualTo(1);
        assertThat(imported.err()).contains("readers.csv:3: 'x@' is not a valid email address");
        assertThat(imported.out()).contains("Import finished: 2 added, 0 activated, 0 already there, 1 refused");
        assertThat(exported.exit()).as(exported.err()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("out.csv"));
        assertThat(lines.get(0)).isEqualTo("email,status,created");
        assertThat(lines.subList(1, lines.size())).hasSize(2).allSatisfy(l -> assertThat(l).contains(",active,"));
        assertThat(String.join("\n", lines)).contains("ada@example.com", "cy@example.com");
    }

    @Test
    void digestSendExitsOneWhenItSendsNothingAndSaysWhy() throws Exception {
        run("import");

        Result toNobody = run("digest", "send", "--week", "2026-W48");
        Path templates = Files.createDirectories(dir.resolve("broken-templates"));
        for (String name : List.of("digest.html.vm", "digest.txt.vm", "comparison.html.vm", "comparison.txt.vm",
                "bookmarks.html.vm", "bookmarks.txt.vm")) {
            Files.copy(Path.of("templates", name), templates.resolve(name));
        }
        Files.writeString(templates.resolve("digest.html.vm"),
                Files.readString(templates.resolve("digest.html.vm")).replace("$links.unsubscribe", "/unsubscribe"));
        run("subscribers", "add", "--active", "ada@example.com");
        Result preflight = run(Map.of("VERDICTS_TEMPLATES_DIR", templates.toString()), "digest", "send", "--week", "2026-W48");

        assertThat(toNobody.exit()).isEqualTo(1);
        assertThat(toNobody.out()).contains("2026-W48 not sent: no active readers; the week stays open");
        assertThat(preflight.exit()).isEqualTo(1);
        assertThat(preflight.err()).contains("preflight: ", "2026-W48: preflight failed; nothing was sent");
        assertThat(Files.exists(dir.resolve("data").resolve("outbox"))).isFalse();
    }

    @Test
    void anUnreadableRelayCertificateFileIsOneLineNamingTheKey() {
        run("import");
        run("subscribers", "add", "--active", "ada@example.com");

        Result r = run(Map.of("VERDICTS_SMTP_HOST", "127.0.0.1", "VERDICTS_SMTP_CA_FILE", dir.resolve("missing.pem").toString()),
                "digest", "send", "--week", "2026-W48");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("config: smtp.ca-file = '").contains("missing.pem", "cannot be read").doesNotContain("\n\tat ");
    }

    @Test
    void digestSendGoesToTheOutboxOnceAndDryRunAndTestSendTouchNoLedger() throws Exception {
        run("import");
        run("subscribers", "add", "--active", "ada@example.com", "bob@example.com");
        Path outbox = dir.resolve("data").resolve("outbox");

        Result dry = run("digest", "send", "--week", "2026-W48", "--dry-run");
        assertThat(dry.out()).contains("2 copies rendered and checked", "nothing sent");
        assertThat(Files.exists(outbox)).isFalse();

        Result test = run("digest", "send", "--week", "2026-W48", "--to", "editor@example.com");
        assertThat(test.out()).contains("Test copy of 2026-W48 sent to editor@example.com");
        try (var files = Files.list(outbox)) {
            assertThat(files.toList()).singleElement().asString().contains("test-");
        }

        Result sent = run("digest", "send", "--week", "2026-W48");
        assertThat(sent.exit()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("2026-W48 sent: 2 sent, 0 skipped, 0 failed, 0 in doubt");
        try (var files = Files.list(outbox)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("digest-2026-W48-")).count()).isEqualTo(2);
        }
        assertThat(run("digest", "send", "--week", "2026-W48").out()).contains("was already sent; nothing sent");
    }

    @Test
    void eventsListsWhatReadersDidAndCountsPerEdition() throws Exception {
        run("import");
        run("subscribers", "add", "--active", "ada@example.com");
        try (var app = new com.verdictdigest.app.App(com.verdictdigest.config.Settings.load(null,
                Map.of("VERDICTS_DATA_DIR", dir.resolve("data").toString())), java.time.Clock.systemUTC())) {
            long ada = app.subscribers().find(com.verdictdigest.subscribers.EmailAddress.parse("ada@example.com")).orElseThrow().id();
            app.subscriptions().bookmark(ada, app.subscriptions().toolBySlug("cursor-3").orElseThrow(),
                    com.verdictdigest.events.EventSource.PAGE, com.verdictdigest.week.IsoWeek.parse("2026-W48"));
            app.subscriptions().unsubscribe(ada, com.verdictdigest.events.EventSource.ONE_CLICK,
                    com.verdictdigest.week.IsoWeek.parse("2026-W48"));
        }

        Result table = run("events", "--edition", "2026-W48");
        assertThat(table.out()).contains("bookmark", "cursor-3", "unsubscribe", "one-click", "2 events",
                "2026-W48: {bookmark=1, unsubscribe=1}");
        JsonNode json = new ObjectMapper().readTree(run("events", "--format", "json").out());
        assertThat(json.get("events")).hasSize(3);
        assertThat(json.get("events").get(0).get("kind").asText()).isEqualTo("subscribe");
        assertThat(json.get("events").get(0).get("source").asText()).as("added by the operator").isEqualTo("operator");
        assertThat(json.get("perEdition").get("2026-W48").get("unsubscribe").asInt()).isEqualTo(1);
    }

    @Test
    void eventsShowEachEditionsBouncesAndComplaintsAsCountsAndRatesWithWarnings() throws Exception {
        run("import");
        run("subscribers", "add", "--active", "ada@example.com", "bob@example.com", "cy@example.com", "dee@example.com");
        assertThat(run("digest", "send", "--week", "2026-W48").exit()).isZero();
        try (var app = new com.verdictdigest.app.App(com.verdictdigest.config.Settings.load(null,
                Map.of("VERDICTS_DATA_DIR", dir.resolve("data").toString())), java.time.Clock.systemUTC())) {
            var week = com.verdictdigest.week.IsoWeek.parse("2026-W48");
            var readers = app.subscriptions();
            long ada = app.subscribers().find(com.verdictdigest.subscribers.EmailAddress.parse("ada@example.com")).orElseThrow().id();
            long bob = app.subscribers().find(com.verdictdigest.subscribers.EmailAddress.parse("bob@example.com")).orElseThrow().id();
            com.verdictdigest.store.Jdbc.inTransaction(app.database().dataSource(), "record what came back", con -> {
                readers.complained(con, ada, week);
                readers.softBounced(con, bob, week, 3, java.time.Duration.ofDays(30));
                readers.softBounced(con, bob, week, 3, java.time.Duration.ofDays(30));
                return null;
            });
        }

        Result table = run("events", "--edition", "2026-W48");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("2026-W48: {complaint=1, soft-bounce=2}",
                "Bounces and complaints, in readers and as a share of the copies mailed (sent + failed):",
                "WARNING 2026-W48: complaint rate 25.00% (1 of 4) reaches 0.1%; Gmail's limit for bulk senders is 0.3%");
        assertThat(table.out().lines().filter(l -> l.startsWith("2026-W48 ")).toList()).singleElement().asString()
                .matches("2026-W48 +4 +0 \\(0\\.00%\\) +1 \\(25\\.00%\\) +1 \\(25\\.00%\\)");
        assertThat(table.out()).doesNotContain("hard bounce rate");

        JsonNode json = new ObjectMapper().readTree(run("events", "--format", "json").out());
        assertThat(json.get("perEdition").get("2026-W48").get("soft-bounce").asInt()).as("events, as before").isEqualTo(2);
        JsonNode bounces = json.get("bounces").get("2026-W48");
        assertThat(bounces.get("mailed").asInt()).isEqualTo(4);
        assertThat(bounces.get("hard").asInt()).isZero();
        assertThat(bounces.get("hardRate").asDouble()).isZero();
        assertThat(bounces.get("soft").asInt()).as("readers: bob once").isEqualTo(1);
        assertThat(bounces.get("softRate").asDouble()).isEqualTo(0.25);
        assertThat(bounces.get("complaints").asInt()).isEqualTo(1);
        assertThat(bounces.get("complaintRate").asDouble()).isEqualTo(0.25);
        assertThat(bounces.get("warnings")).hasSize(1);
    }
}
