package com.verdictdigest.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.editions.EditionRecord;
import com.verdictdigest.editions.EditionStatus;
import com.verdictdigest.schedule.DigestScheduler;
import com.verdictdigest.schedule.ScheduleConfig;
import com.verdictdigest.testing.ServiceFixture;
import com.verdictdigest.week.IsoWeek;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `serve` process: a stop mid-send and the next start, a changed schedule, the admin page's session. */
class ServiceTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");

    @TempDir
    Path dir;

    private static EditionRecord waitFor(ServiceFixture fx, java.util.function.Predicate<EditionRecord> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            var e = fx.app.editions().find(W48);
            if (e.isPresent() && condition.test(e.get())) {
                return e.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out: " + fx.app.editions().find(W48));
    }

    @Test
    void aStopMidSendLeavesTheLedgerExactAndTheNextStartResumes() throws Exception {
        ServiceFixture first = new ServiceFixture(dir, 40, 20);
        first.service.control().trigger(W48);
        waitFor(first, e -> first.app.ledger().counts(e.id()).sent() >= 5);
        first.close(); // what Ctrl-C and SIGTERM do: stop between messages

        ServiceFixture second = new ServiceFixture(dir, 0, 0);
        try {
            EditionRecord interrupted = second.app.editions().find(W48).orElseThrow();
            assertThat(interrupted.status()).as("the stop left the edition going out").isEqualTo(EditionStatus.SENDING);
            assertThat(second.app.ledger().counts(interrupted.id()).sent()).as("and readers to send to").isLessThan(40);
            EditionRecord done = waitFor(second, e -> e.status() == EditionStatus.SENT);
            assertThat(second.app.ledger().counts(done.id()).sent()).isEqualTo(40);
            assertThat(second.app.outbox().toFile().list((d, n) -> n.endsWith(".eml"))).hasSize(40);
        } finally {
            second.close();
        }
    }

    @Test
    void aServiceThatFailsHalfWayThroughItsStartLeavesNothingBehindForTheNext() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("data"));
        java.nio.file.Files.writeString(dir.resolve("data").resolve("admin.token"), "too-short\n");
        // The schedule is set up before the admin token is read: that start fails after Quartz registered it.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ServiceFixture(dir, 1, 0, Map.of("VERDICTS_ADMIN_TOKEN", ""),
                Clock.systemUTC())).hasMessageContaining("no usable admin token");

        ServiceFixture next = new ServiceFixture(dir, 1, 0);
        try {
            assertThat(next.service.nextRun()).isPresent();
        } finally {
            next.close();
        }
    }

    @Test
    void aChangedScheduleTakesEffectOnTheNextStart() {
        ServiceFixture fx = new ServiceFixture(dir, 0, 0);
        try {
            Instant monday = fx.service.nextRun().orElseThrow();
            assertThat(monday.atZone(ZoneId.of("UTC")).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
            fx.service.close();
            DigestScheduler changed = new DigestScheduler(fx.app.database().dataSource(),
                    new ScheduleConfig("0 30 7 ? * FRI", ZoneId.of("Europe/Berlin"), Duration.ofHours(24)),
                    (scheduled, week) -> { }, "restart", java.time.Clock.systemUTC()).start();
            try {
                var next = changed.nextRun().orElseThrow().atZone(ZoneId.of("Europe/Berlin"));
                assertThat(next.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.FRIDAY);
                assertThat(next.getHour()).isEqualTo(7);
                assertThat(next.getMinute()).isEqualTo(30);
            } finally {
                changed.close();
            }
        } finally {
            fx.app.close();
        }
    }

    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** A GET of the admin page (or one below it) in a session. */
    private static String adminGet(ServiceFixture fx, String path, String session) throws Exception {
        return NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(fx.base + path)).header("Cookie", session).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A form POST to the admin page in a session. */
    private static HttpResponse<String> adminPost(ServiceFixture fx, String path, String session, String form) throws Exception {
        return NO_REDIRECTS.send(HttpRequest.newBuilder(URI.create(fx.base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpClient http, ServiceFixture fx) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(fx.base + "/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + ServiceFixture.ADMIN_TOKEN)).build(),
                HttpResponse.BodyHandlers.ofString());
        return login.headers().firstValue("Set-Cookie").orElseThrow();
    }

    @Test
    void adminPageReadsWeeksAndTheNextRunInTheDigestsTimeZoneByTheApplicationsClock() throws Exception {
        // Sunday 23:30 in UTC is Monday 00:30 in Berlin: there, last week is W48; in UTC it would be W47.
        Clock sundayNight = Clock.fixed(Instant.parse("2026-11-29T23:30:00Z"), ZoneId.of("UTC"));
        ServiceFixture fx = new ServiceFixture(dir, 0, 0, Map.of("VERDICTS_DIGEST_TIMEZONE", "Europe/Berlin"), sundayNight);
        try {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String cookie = sessionCookie(http, fx);
            String page = http.send(HttpRequest.newBuilder(URI.create(fx.base + "/admin"))
                    .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).build(), HttpResponse.BodyHandlers.ofString()).body();

            Document doc = Jsoup.parse(page);
            assertThat(doc.select("input[name=week]").eachAttr("value")).contains("2026-W48").doesNotContain("2026-W47");
            assertThat(doc.getElementById("next-run").text()).matches("Mon \\d{1,2} \\w{3} \\d{4}, 09:00 Europe/Berlin");
        } finally {
            fx.close();
        }
    }

    @Test
    void theAdminPagesPauseResumeAndCancelFormsNeedTheSessionsCsrfToken() throws Exception {
        ServiceFixture fx = new ServiceFixture(dir, 3, 0);
        try {
            fx.app.preparer().prepare(W48, true);
            long id = fx.app.editions().find(W48).orElseThrow().id();
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String cookie = sessionCookie(http, fx);
            String session = cookie.substring(0, cookie.indexOf(';'));

            for (String action : List.of("pause", "resume", "cancel")) {
                for (String body : List.of("", "csrf=forged")) {
                    HttpResponse<String> r = adminPost(fx, "/admin/editions/2026-W48/" + action, session, body);
                    assertThat(r.statusCode()).as("%s with '%s'", action, body).isEqualTo(403);
                }
            }
            assertThat(fx.app.editions().byId(id).status()).isEqualTo(EditionStatus.PLANNED);
        } finally {
            fx.close();
        }
    }

    @Test
    void aHostileTitleIsEscapedOnTheAdminPageAndItsPreview() throws Exception {
        ServiceFixture fx = new ServiceFixture(dir, 1, 0);
        try {
            String script = "<script>alert(1)</script>";
            java.nio.file.Path site = java.nio.file.Files.createDirectories(dir.resolve("hostile-site"));
            com.verdictdigest.testing.SitePages.variantWithSlug(site, "hostile", doc -> {
                doc.selectFirst("article h1").text(script + " vs Tool");
                com.verdictdigest.testing.SitePages.publishedAt(doc, Instant.parse("2026-12-08T10:00:00Z"));
            });
            fx.app.importer().importFrom(List.of(site.toString()));
            fx.app.preparer().prepare(IsoWeek.parse("2026-W50"), true);
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String cookie = sessionCookie(http, fx);

            String session = cookie.substring(0, cookie.indexOf(';'));
            String page = adminGet(fx, "/admin", session);
            String preview = adminGet(fx, "/admin/editions/2026-W50/preview", session);

            assertThat(page).contains("2026-W50").doesNotContain(script);
            assertThat(preview).contains("&lt;script&gt;alert(1)&lt;/script&gt; vs Tool").doesNotContain(script);
        } finally {
            fx.close();
        }
    }

    @Test
    void behindATlsProxyTheAdminCookieIsSecure() throws Exception {
        ServiceFixture fx = new ServiceFixture(dir, 0, 0, Map.of("VERDICTS_SITE_BASE_URL", "https://news.example"), Clock.systemUTC());
        try {
            String cookie = sessionCookie(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), fx);

            assertThat(cookie).contains("; Secure", "HttpOnly", "SameSite=Strict");
        } finally {
            fx.close();
        }
    }

    @Test
    void aTrustedProxySayingHttpsMakesTheAdminCookieSecureAndNobodyElseCan() throws Exception {
        ServiceFixture fx = new ServiceFixture(dir, 0, 0, Map.of("VERDICTS_HTTP_TRUSTED_PROXIES", "127.0.0.1"), Clock.systemUTC());
        try {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            java.util.function.Function<String, String> login = proto -> {
                try {
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.base + "/admin/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("token=" + ServiceFixture.ADMIN_TOKEN));
                    if (proto != null) {
                        b.header("X-Forwarded-Proto", proto);
                    }
                    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).headers().firstValue("Set-Cookie").orElseThrow();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };

            assertThat(login.apply("https")).contains("; Secure");
            assertThat(login.apply(null)).doesNotContain("Secure");
        } finally {
            fx.close();
        }
        ServiceFixture untrusted = new ServiceFixture(dir.resolve("other"), 0, 0);
        try {
            String cookie = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(untrusted.base + "/admin/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-Proto", "https")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + ServiceFixture.ADMIN_TOKEN)).build(),
                    HttpResponse.BodyHandlers.ofString()).headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).as("from a client that is not a trusted proxy the header means nothing").doesNotContain("Secure");
        } finally {
            untrusted.close();
        }
    }

    @Test
    void allSignUpsTogetherHaveAnHourlyCapWithAClearMessage() throws Exception {
        ServiceFixture fx = new ServiceFixture(dir, 0, 0, Map.of("VERDICTS_SUBSCRIBE_PER_HOUR", "2"), Clock.systemUTC());
        try {
            HttpClient http = HttpClient.newHttpClient();
            List<HttpResponse<String>> answers = new java.util.ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                answers.add(http.send(HttpRequest.newBuilder(URI.create(fx.base + "/subscribe"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"new" + i + "@example.com\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }

            assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 429);
            assertThat(answers.get(2).body()).contains("Too many sign-ups right now");
        } finally {
            fx.close();
        }
    }

    @Test
    void theAdminPageShowsOnlyMessagesTheServerChose() throws Exception {
        ServiceFixture fx = new ServiceFixture(dir, 0, 0);
        try {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String cookie = sessionCookie(http, fx);
            String session = cookie.substring(0, cookie.indexOf(';'));
            String phishing = adminGet(fx, "/admin?msg=Mail+your+token+to+evil.example", session);
            String csrf = Jsoup.parse(phishing).selectFirst("input[name=csrf]").attr("value");

            HttpResponse<String> paused = adminPost(fx, "/admin/editions/2026-W48/pause", session, "csrf=" + csrf);
            String after = adminGet(fx, "/admin", session);
            String again = adminGet(fx, "/admin", session);

            assertThat(phishing).doesNotContain("evil.example");
            assertThat(paused.headers().firstValue("Location")).contains("/admin");
            assertThat(after).contains("2026-W48 cannot be paused now.");
            assertThat(again).as("shown once").doesNotContain("cannot be paused now");
        } finally {
            fx.close();
        }
    }

    @Test
    void adminSessionCookieIsHttpOnlyAndStrictAndFormsNeedTheirCsrfToken() throws Exception {
        ServiceFixture fx = new ServiceFixture(dir, 3, 0);
        try {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            String cookie = sessionCookie(http, fx);
            assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
            String session = cookie.substring(0, cookie.indexOf(';'));

            HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(fx.base + "/admin/send"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                    .POST(HttpRequest.BodyPublishers.ofString("week=2026-W48")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(fx.base + "/admin/send"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("week=2026-W48")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(fx.app.editions().all()).isEmpty();
        } finally {
            fx.close();
        }
    }
}
