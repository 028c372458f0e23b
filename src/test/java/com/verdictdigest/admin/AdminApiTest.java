package com.verdictdigest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.subscribers.Preferences;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.ServiceFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.HashMap;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over the whole running service: auth, trigger, progress, preview, pause, resume, cancel, health. */
class AdminApiTest {
    @TempDir
    Path dir;
    private ServiceFixture fx;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        fx = new ServiceFixture(dir, 40, 20);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fx.base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return call(method, path, ServiceFixture.ADMIN_TOKEN, body);
    }

    private JsonNode edition(String week) throws Exception {
        return json.readTree(admin("GET", "/admin/api/editions/" + week, null).body());
    }

    private JsonNode waitFor(String week, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode e = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = admin("GET", "/admin/api/editions/" + week, null);
            if (r.statusCode() == 200 && condition.test(e = json.readTree(r.body()))) {
                return e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out; last: " + e);
    }

    @Test
    void wrongOrMissingTokenIsRefusedAndNothingHappens() throws Exception {
        for (String token : new String[] {null, "wrong-token", ServiceFixture.ADMIN_TOKEN + "x"}) {
            for (String[] route : List.of(new String[] {"GET", "/admin/api/editions"},
                    new String[] {"POST", "/admin/api/editions"}, new String[] {"GET", "/admin/api/editions/2026-W48"},
                    new String[] {"GET", "/admin/api/editions/2026-W48/preview"},
                    new String[] {"POST", "/admin/api/editions/2026-W48/pause"},
                    new String[] {"POST", "/admin/api/editions/2026-W48/resume"},
                    new String[] {"POST", "/admin/api/editions/2026-W48/cancel"},
                    new String[] {"GET", "/admin/api/reports/unrecognized"},
                    new String[] {"GET", "/admin/api/reports/unrecognized/1"})) {
                HttpResponse<String> r = call(route[0], route[1], token, "{\"week\":\"2026-W48\"}");
                assertThat(r.statusCode()).as(route[0] + " " + route[1] + " with " + token).isEqualTo(401);
            }
        }
        assertThat(fx.app.editions().all()).as("nothing was triggered").isEmpty();
    }

    @Test
    void triggerSendsOnceAndReportsProgressAndFigures() throws Exception {
        HttpResponse<String> started = admin("POST", "/admin/api/editions", "{\"week\": \"2026-W48\", \"dryRun\": false}");
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(json.readTree(started.body()).get("id").asText()).isEqualTo("2026-W48");

        JsonNode done = waitFor("2026-W48", e -> e.get("status").asText().equals("sent"));
        assertThat(done.get("recipients").asInt()).isEqualTo(40);
        assertThat(done.get("sent").asInt()).isEqualTo(40);
        assertThat(done.get("progressPercent").asInt()).isEqualTo(100);
        assertThat(done.get("mailed").asInt()).isEqualTo(40);
        assertThat(done.get("bounces").asInt()).isZero();
        assertThat(done.get("complaintRate").asDouble()).isZero();
        assertThat(done.get("warnings")).isEmpty();

        HttpResponse<String> again = admin("POST", "/admin/api/editions", "{\"week\": \"2026-W48\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already sent");
        JsonNode list = json.readTree(admin("GET", "/admin/api/editions", null).body());
        assertThat(list.get("editions")).hasSize(1);
        assertThat(list.get("nextRun").asText()).isNotEmpty();
        assertThat(admin("GET", "/admin/api/editions/2026-W48/preview", null).body()).contains("3 new verdicts this week");
        assertThat(admin("POST", "/admin/api/editions", "{\"week\": \"not a week\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void readersSkippedByTheirPreferencesAreCountedByReason() throws Exception {
        var readers = fx.app.subscribers();
        var ids = readers.pages(SubscriberStatus.ACTIVE, 40).iterator().next();
        Map<Long, Preferences> chosen = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            chosen.put(ids.get(i).id(), new Preferences(Set.of("Design"), false, null, false));
        }
        chosen.put(ids.get(3).id(), new Preferences(Set.of(), false,
                Instant.now().plusSeconds(3600), false));
        readers.insertPreferences(chosen);

        admin("POST", "/admin/api/editions", "{\"week\": \"2026-W48\"}");
        JsonNode done = waitFor("2026-W48", e -> e.get("status").asText().equals("sent"));

        assertThat(done.get("sent").asInt()).isEqualTo(36);
        assertThat(done.get("skipped").asInt()).isEqualTo(4);
        assertThat(done.get("skipReasons").get("nothing-followed").asInt()).isEqualTo(3);
        assertThat(done.get("skipReasons").get("paused").asInt()).isEqualTo(1);
    }

    @Test
    void aMistypedTriggerIsRefusedNamingTheFieldAndSendsNothing() throws Exception {
        HttpResponse<String> stringly = admin("POST", "/admin/api/editions", "{\"week\": \"2026-W48\", \"dryRun\": \"True\"}");
        HttpResponse<String> misspelt = admin("POST", "/admin/api/editions", "{\"week\": \"2026-W48\", \"dryrun\": true}");
        HttpResponse<String> number = admin("POST", "/admin/api/editions", "{\"week\": 48}");
        HttpResponse<String> array = admin("POST", "/admin/api/editions", "[\"2026-W48\"]");

        assertThat(stringly.statusCode()).isEqualTo(400);
        assertThat(stringly.body()).contains("'dryRun' must be true or false");
        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(misspelt.body()).contains("unknown field 'dryrun'");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(number.body()).contains("'week' must be a string");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(fx.app.editions().all()).isEmpty();
        assertThat(fx.service.control().isBusy()).isFalse();
        assertThat(outboxMessages()).isZero();
    }

    @Test
    void dryRunSendsNothing() throws Exception {
        HttpResponse<String> r = admin("POST", "/admin/api/editions", "{\"week\": \"2026-W48\", \"dryRun\": true}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readTree(r.body()).get("copies").asInt()).isEqualTo(40);
        assertThat(fx.app.editions().all()).isEmpty();
    }

    private int outboxMessages() {
        String[] files = fx.app.outbox().toFile().list((d, n) -> n.endsWith(".eml"));
        return files == null ? 0 : files.length;
    }

    @Test
    void pauseKeepsTheLedgerAndResumeFinishesWhereItStopped() throws Exception {
        admin("POST", "/admin/api/editions", "{\"week\": \"2026-W48\"}");
        waitFor("2026-W48", e -> e.get("sent").asInt() >= 5);

        assertThat(admin("POST", "/admin/api/editions/2026-W48/pause", null).statusCode()).isEqualTo(200);
        JsonNode paused = waitFor("2026-W48", e -> e.get("status").asText().equals("paused"));
        Poll.until(() -> !fx.service.control().isBusy(), Duration.ofSeconds(20));
        assertThat(fx.service.control().isBusy()).as("the send stopped: nothing can go out while paused").isFalse();
        int sentWhilePaused = edition("2026-W48").get("sent").asInt();
        assertThat(outboxMessages()).as("and nothing went out beyond the ledger").isEqualTo(sentWhilePaused);
        assertThat(sentWhilePaused).isLessThan(40);
        assertThat(paused.get("recipients").asInt()).isEqualTo(40);

        assertThat(admin("POST", "/admin/api/editions/2026-W48/resume", null).statusCode()).isEqualTo(200);
        JsonNode done = waitFor("2026-W48", e -> e.get("status").asText().equals("sent"));
        assertThat(done.get("sent").asInt()).isEqualTo(40);
        assertThat(fx.app.outbox().toFile().list((d, n) -> n.endsWith(".eml"))).hasSize(40);
    }

    @Test
    void cancelStopsAnEditionForGood() throws Exception {
        admin("POST", "/admin/api/editions", "{\"week\": \"2026-W48\"}");
        waitFor("2026-W48", e -> e.get("sent").asInt() >= 3);

        assertThat(admin("POST", "/admin/api/editions/2026-W48/cancel", null).statusCode()).isEqualTo(200);
        waitFor("2026-W48", e -> e.get("status").asText().equals("cancelled"));
        Poll.until(() -> !fx.service.control().isBusy(), Duration.ofSeconds(20));
        assertThat(fx.service.control().isBusy()).as("the send stopped for good").isFalse();
        int sent = edition("2026-W48").get("sent").asInt();

        assertThat(outboxMessages()).isEqualTo(sent).isLessThan(40);
        assertThat(admin("POST", "/admin/api/editions/2026-W48/resume", null).statusCode()).isEqualTo(409);
        assertThat(admin("POST", "/admin/api/editions", "{\"week\": \"2026-W48\"}").statusCode()).isEqualTo(409);
    }

    @Test
    void healthIsUpWhileTheDatabaseAndTheSchedulerAre() throws Exception {
        assertThat(call("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        fx.app.database().close();
        assertThat(call("GET", "/healthz", null, null).statusCode()).isEqualTo(503);
    }

    @Test
    void healthIsDownWhenTheSchedulerStops() throws Exception {
        assertThat(call("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        org.quartz.impl.SchedulerRepository.getInstance().lookup("verdicts").shutdown();
        assertThat(call("GET", "/healthz", null, null).statusCode()).isEqualTo(503);
    }
}
