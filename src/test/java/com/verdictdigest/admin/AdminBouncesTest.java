package com.verdictdigest.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.verdictdigest.bounces.ReportOrigin;
import com.verdictdigest.bounces.ReportProcessor;
import com.verdictdigest.store.Jdbc;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.subscribers.SubscriptionService;
import com.verdictdigest.testing.ScriptedSmtpServer;
import com.verdictdigest.testing.ServiceFixture;
import com.verdictdigest.week.IsoWeek;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What came back, as the operator sees it over the whole running service: two editions sent
 * through a relay that refuses one address, then bounces, soft bounces and complaints recorded
 * through the subscribers' one door, and reports no one could read. 2026-W47 reaches both
 * thresholds exactly (1 of 50 copies mailed: 2%); 2026-W48 stays under both (1 of 1,001: 0.0999%).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminBouncesTest {
    private static final IsoWeek OVER = IsoWeek.parse("2026-W47");
    private static final IsoWeek UNDER = IsoWeek.parse("2026-W48");
    /** What an unreadable report says, with markup a page must never run. */
    private static final String HOSTILE = "<script>alert('kept')</script> & <img src=x onerror=alert(2)>";

    private ScriptedSmtpServer relay;
    private ServiceFixture fx;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();
    private long firstReport;
    private long secondReport;

    @BeforeAll
    void sendTwoEditionsAndRecordWhatCameBack(@TempDir Path dir) throws Exception {
        relay = new ScriptedSmtpServer();
        relay.reject("reader1@example.com");
        fx = new ServiceFixture(dir, 50, 2000, Map.of("VERDICTS_SMTP_HOST", "127.0.0.1",
                "VERDICTS_SMTP_PORT", String.valueOf(relay.port()), "VERDICTS_SMTP_TLS", "none"), Clock.systemUTC());
        send(OVER); // 50 readers: reader1 refused by the relay, a hard bounce during the send
        for (int i = 51; i <= 1002; i++) {
            fx.app.subscribers().add(EmailAddress.parse("reader" + i + "@example.com"), SubscriberStatus.ACTIVE);
        }
        send(UNDER); // 1,001 readers: all but reader1, who bounced

        SubscriptionService readers = fx.app.subscriptions();
        Jdbc.inTransaction(fx.app.database().dataSource(), "record what came back", con -> {
            readers.complained(con, id(2), OVER);
            readers.softBounced(con, id(3), OVER, 3, Duration.ofDays(30));
            readers.softBounced(con, id(3), OVER, 3, Duration.ofDays(30)); // one reader, twice: one reader counted
            readers.softBounced(con, id(4), OVER, 3, Duration.ofDays(30));
            readers.hardBounced(con, id(10), UNDER);
            readers.complained(con, id(11), UNDER);
            readers.softBounced(con, id(12), UNDER, 3, Duration.ofDays(30));
            return null;
        });

        ReportProcessor reports = fx.app.reportProcessor();
        reports.process(message("<b>Postmaster</b> <postmaster@example.net>", "Nothing to do with you", "Hello there."),
                ReportOrigin.FILE, false);
        reports.process(message("Helpdesk <help@example.org>", "<i>Re:</i> your letter", "We read it. " + HOSTILE),
                ReportOrigin.PIPE, false);
        List<com.verdictdigest.bounces.UnrecognizedReport> kept = fx.app.reports().unrecognized(10);
        assertThat(kept).as("both messages kept as unrecognized").hasSize(2);
        secondReport = kept.get(0).id();
        firstReport = kept.get(1).id();
    }

    @AfterAll
    void tearDown() throws Exception {
        try {
            if (fx != null) {
                fx.close();
            }
        } finally {
            if (relay != null) {
                relay.close();
            }
        }
    }

    private long id(int reader) {
        return fx.app.subscribers().find(EmailAddress.parse("reader" + reader + "@example.com")).orElseThrow().id();
    }

    private static byte[] message(String from, String subject, String body) {
        return ("From: " + from + "\r\nTo: digest@example.com\r\nSubject: " + subject
                + "\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + Math.abs(body.hashCode()) + "@example.net>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private void send(IsoWeek week) throws Exception {
        HttpResponse<String> started = api("POST", "/admin/api/editions", "{\"week\": \"" + week + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = api("GET", "/admin/api/editions/" + week, null);
            if (r.statusCode() == 200 && json.readTree(r.body()).get("status").asText().equals("sent")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(week + " was not sent in time");
    }

    private HttpResponse<String> api(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(fx.base + path))
                .header("Authorization", "Bearer " + ServiceFixture.ADMIN_TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in with the token, as the page's form does: the session cookie. */
    private String session() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(fx.base + "/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + ServiceFixture.ADMIN_TOKEN)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(303);
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private HttpResponse<String> page(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.base + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiGivesEachEditionItsBouncesComplaintsRatesAndWarnings() throws Exception {
        JsonNode over = json.readTree(api("GET", "/admin/api/editions/" + OVER, null).body());
        assertThat(over.get("sent").asInt()).isEqualTo(49);
        assertThat(over.get("failed").asInt()).as("the refused address").isEqualTo(1);
        assertThat(over.get("mailed").asInt()).as("rates are of the copies mailed: sent + failed").isEqualTo(50);
        assertThat(over.get("bounces").asInt()).as("hard bounces").isEqualTo(1);
        assertThat(over.get("softBounces").asInt()).as("readers, not reports").isEqualTo(2);
        assertThat(over.get("complaints").asInt()).isEqualTo(1);
        assertThat(over.get("hardBounceRate").asDouble()).isEqualTo(0.02);
        assertThat(over.get("softBounceRate").asDouble()).isEqualTo(0.04);
        assertThat(over.get("complaintRate").asDouble()).isEqualTo(0.02);
        assertThat(over.get("hardBounceWarning").asBoolean()).as("2% reaches 2%").isTrue();
        assertThat(over.get("complaintWarning").asBoolean()).isTrue();
        assertThat(over.get("warnings")).hasSize(2);
        assertThat(over.get("warnings").get(0).asText()).isEqualTo(
                "complaint rate 2.00% (1 of 50) reaches 0.1%; Gmail's limit for bulk senders is 0.3%");
        assertThat(over.get("warnings").get(1).asText()).isEqualTo("hard bounce rate 2.00% (1 of 50) reaches 2%");

        JsonNode under = json.readTree(api("GET", "/admin/api/editions/" + UNDER, null).body());
        assertThat(under.get("sent").asInt()).isEqualTo(1001);
        assertThat(under.get("mailed").asInt()).isEqualTo(1001);
        assertThat(under.get("bounces").asInt()).isEqualTo(1);
        assertThat(under.get("softBounces").asInt()).isEqualTo(1);
        assertThat(under.get("complaints").asInt()).isEqualTo(1);
        assertThat(under.get("complaintRate").asDouble()).isCloseTo(1 / 1001.0, within(1e-12));
        assertThat(under.get("hardBounceRate").asDouble()).isCloseTo(1 / 1001.0, within(1e-12));
        assertThat(under.get("complaintWarning").asBoolean()).as("0.0999% is under 0.1%").isFalse();
        assertThat(under.get("hardBounceWarning").asBoolean()).isFalse();
        assertThat(under.get("warnings")).isEmpty();

        JsonNode list = json.readTree(api("GET", "/admin/api/editions", null).body()).get("editions");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("week").asText()).isEqualTo(UNDER.toString());
        assertThat(list.get(1).get("complaintWarning").asBoolean()).isTrue();
        assertThat(over.has("hardBouncePercent")).as("the page's helpers are not API fields").isFalse();
    }

    @Test
    void thePageShowsCountsRatesAndWarnsAboutTheEditionOverAThresholdOnly() throws Exception {
        Document doc = Jsoup.parse(page("/admin", session()).body());

        Element over = doc.selectFirst("tr[data-week=" + OVER + "]");
        assertThat(over.hasClass("warn")).isTrue();
        assertThat(over.selectFirst("td.bounces").text()).isEqualTo("⚠ 1 2.00%");
        assertThat(over.selectFirst("td.bounces").hasClass("warn")).isTrue();
        assertThat(over.selectFirst("td.soft-bounces").text()).isEqualTo("2 4.00%");
        assertThat(over.selectFirst("td.complaints").text()).isEqualTo("⚠ 1 2.00%");
        assertThat(over.selectFirst("td.complaints").hasClass("warn")).isTrue();

        Element under = doc.selectFirst("tr[data-week=" + UNDER + "]");
        assertThat(under.hasClass("warn")).isFalse();
        assertThat(under.selectFirst("td.bounces").text()).isEqualTo("1 0.09%");
        assertThat(under.selectFirst("td.soft-bounces").text()).isEqualTo("1 0.09%");
        assertThat(under.selectFirst("td.complaints").text()).as("0.0999% is shown cut, not rounded up to the threshold")
                .isEqualTo("1 0.09%");
        assertThat(under.select("td.warn")).isEmpty();

        Element warnings = doc.getElementById("warnings");
        assertThat(warnings).isNotNull();
        assertThat(warnings.select("li")).hasSize(2).allSatisfy(li -> assertThat(li.attr("data-week")).isEqualTo(OVER.toString()));
        assertThat(warnings.text()).contains("complaint rate 2.00% (1 of 50) reaches 0.1%", "hard bounce rate 2.00% (1 of 50) reaches 2%")
                .doesNotContain(UNDER.toString());

        Element chart = doc.selectFirst("svg");
        assertThat(chart.attr("aria-label")).contains("hard bounces", "complaints");
        assertThat(chart.select("polyline title").eachText()).containsExactly("readers", "unsubscribes", "bookmarks",
                "hard bounces", "complaints");
        assertThat(chart.select("circle title").eachText()).contains(OVER + " hard bounces: 1", OVER + " complaints: 1");
    }

    @Test
    void thePageListsTheUnrecognizedReportsAndShowsOneAsEscapedText() throws Exception {
        String cookie = session();
        HttpResponse<String> admin = page("/admin", cookie);
        assertThat(admin.body()).doesNotContain("<i>Re:</i>", "<b>Postmaster</b>");
        Document doc = Jsoup.parse(admin.body());
        List<Element> rows = doc.select("#unrecognized tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).attr("data-report")).as("newest first").isEqualTo(String.valueOf(secondReport));
        assertThat(rows.get(0).selectFirst("td.subject").text()).isEqualTo("<i>Re:</i> your letter");
        assertThat(rows.get(0).text()).contains("pipe", "help@example.org");
        assertThat(rows.get(1).text()).contains("file", "Nothing to do with you");
        assertThat(rows.get(0).selectFirst("a").attr("href")).isEqualTo("/admin/reports/" + secondReport);

        HttpResponse<String> read = page("/admin/reports/" + secondReport, cookie);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(read.body()).as("the kept message is text, never markup")
                .doesNotContain(HOSTILE, "<script>", "<img", "<i>Re:</i>")
                .contains("&lt;script&gt;alert(&#39;kept&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;");
        Document report = Jsoup.parse(read.body());
        assertThat(report.select("script, img, i")).isEmpty();
        assertThat(report.getElementById("message").text()).contains("We read it. " + HOSTILE, "Subject: <i>Re:</i> your letter");
        assertThat(report.selectFirst("td.subject").text()).isEqualTo("<i>Re:</i> your letter");

        assertThat(page("/admin/reports/" + firstReport, cookie).body()).contains("Hello there.");
        assertThat(page("/admin/reports/999999", cookie).statusCode()).isEqualTo(404);
        assertThat(page("/admin/reports/x", cookie).statusCode()).isEqualTo(404);
        HttpResponse<String> anonymous = page("/admin/reports/" + secondReport, null);
        assertThat(anonymous.statusCode()).as("the page's session, as every admin route").isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("We read it");
    }

    @Test
    void theApiListsTheUnrecognizedReportsAndGivesOneWithItsMessage() throws Exception {
        JsonNode list = json.readTree(api("GET", "/admin/api/reports/unrecognized", null).body()).get("unrecognized");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("id").asLong()).isEqualTo(secondReport);
        assertThat(list.get(0).get("origin").asText()).isEqualTo("pipe");
        assertThat(list.get(0).get("subject").asText()).isEqualTo("<i>Re:</i> your letter");
        assertThat(list.get(0).has("message")).as("the list leaves the messages out").isFalse();

        JsonNode one = json.readTree(api("GET", "/admin/api/reports/unrecognized/" + secondReport, null).body());
        assertThat(one.get("message").asText()).contains("We read it. " + HOSTILE);
        assertThat(api("GET", "/admin/api/reports/unrecognized/999999", null).statusCode()).isEqualTo(404);
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(fx.base + "/admin/api/reports/unrecognized/"
                + secondReport)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
