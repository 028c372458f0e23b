package com.verdictdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.testing.ChildProcess;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.FreePort;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.TestDatabase;
import com.verdictdigest.week.IsoWeek;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unsubscribe that was answered survives a kill -9 of the server that owns the database. */
class UnsubscribeCrashTest {
    @TempDir
    Path dir;

    @Test
    void unsubscribesAnsweredJustBeforeAKillAreNotLost() throws Exception {
        List<Subscriber> readers = new ArrayList<>();
        try (DigestFixture fx = new DigestFixture(dir.resolve("db"))) {
            for (int i = 1; i <= 20; i++) {
                EmailAddress email = EmailAddress.parse("reader" + i + "@example.com");
                fx.subscribers.add(email, SubscriberStatus.ACTIVE);
                readers.add(fx.subscribers.find(email).orElseThrow());
            }
        }
        int port = FreePort.pick();
        URI base = URI.create("http://127.0.0.1:" + port);
        Map<String, String> env = new HashMap<>();
        env.putAll(TestDatabase.settings(dir.resolve("db")));
        env.put("VERDICTS_DATA_DIR", dir.resolve("data").toString());
        env.put("VERDICTS_LINKS_SECRET", new String(DigestFixture.SECRET, StandardCharsets.UTF_8));
        env.put("VERDICTS_HTTP_PORT", String.valueOf(port));
        env.put("VERDICTS_ADMIN_TOKEN", "test-admin-token-0123456789abcdef");
        Path log = dir.resolve("serve.log");
        Process server = ChildProcess.start(log, env, "serve");
        HttpClient http = HttpClient.newHttpClient();
        try {
            Poll.until(() -> up(http, base), Duration.ofSeconds(60));
            assertThat(up(http, base)).as("the server came up: %s", Files.readString(log)).isTrue();
            for (Subscriber reader : readers) {
                String token = new com.verdictdigest.links.LinkSigner(DigestFixture.SECRET)
                        .sign(new LinkToken(Purpose.UNSUBSCRIBE, reader.id(), IsoWeek.parse("2026-W48"), 0));
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/u/" + token))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
            }
        } finally {
            server.destroyForcibly(); // at once: well within the moment H2 keeps commits in memory
            assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        try (DigestFixture after = new DigestFixture(dir.resolve("db"))) {
            for (Subscriber reader : readers) {
                assertThat(after.subscribers.byId(reader.id()).orElseThrow().status()).as(reader.email())
                        .isEqualTo(SubscriberStatus.UNSUBSCRIBED);
            }
        }
    }

    private static boolean up(HttpClient http, URI base) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
