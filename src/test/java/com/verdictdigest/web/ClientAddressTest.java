package com.verdictdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.testing.WebFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-client sign-up limit (3 an hour here) behind a TLS proxy, and without one. */
class ClientAddressTest {
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    private WebFixture web;

    @AfterEach
    void tearDown() {
        if (web != null) {
            web.close();
        }
    }

    private int subscribe(int n, String forwardedFor) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(web.base + "/subscribe"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("email=reader" + n + "%40example.com")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnLimitAndCannotForgeAnother() throws Exception {
        web = new WebFixture(dir, 3, Set.of("127.0.0.1"));
        for (int i = 1; i <= 3; i++) {
            assertThat(subscribe(i, "203.0.113.7")).isEqualTo(200);
        }
        assertThat(subscribe(4, "203.0.113.7")).isEqualTo(429);
        assertThat(subscribe(5, "198.51.100.1, 203.0.113.7")).as("what the client writes before the proxy's entry is not believed")
                .isEqualTo(429);
        assertThat(subscribe(6, "203.0.113.7:41000")).as("the same client, written with its port").isEqualTo(429);
        assertThat(subscribe(7, "203.0.113.8")).as("another reader behind the same proxy").isEqualTo(200);
        assertThat(subscribe(8, "[2001:db8::1]:443")).as("an IPv6 client, with its port").isEqualTo(200);
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() throws Exception {
        web = new WebFixture(dir, 3);
        for (int i = 1; i <= 3; i++) {
            assertThat(subscribe(i, "203.0.113." + i)).isEqualTo(200);
        }
        assertThat(subscribe(4, "203.0.113.4")).isEqualTo(429);
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() throws Exception {
        web = new WebFixture(dir, 3, Set.of("127.0.0.1"));
        for (int i = 1; i <= 3; i++) {
            assertThat(subscribe(i, "2001:db8:1:2::" + Integer.toHexString(i))).isEqualTo(200);
        }
        assertThat(subscribe(4, "2001:db8:1:2:ffff:ffff:ffff:fffe")).as("another address of the same /64").isEqualTo(429);
        assertThat(subscribe(5, "2001:db8:1:3::1")).as("the next /64 is another client").isEqualTo(200);
    }


    @Test
    void everySignUpAnswersNoSoonerThanTheOthersWhateverTheAddress() throws Exception {
        web = new WebFixture(dir, 1_000);
        web.reader("active@example.com");
        HttpClient http = HttpClient.newHttpClient();
        java.util.List<Long> fresh = new java.util.ArrayList<>();
        java.util.List<Long> known = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (String email : java.util.List.of("new" + i + "%40example.com", "active%40example.com")) {
                long t0 = System.nanoTime();
                int status = http.send(HttpRequest.newBuilder(URI.create(web.base + "/subscribe"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("email=" + email)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                (email.startsWith("new") ? fresh : known).add(System.nanoTime() - t0);
                assertThat(status).isEqualTo(200);
            }
        }
        java.util.Collections.sort(fresh);
        java.util.Collections.sort(known);
        System.out.printf(java.util.Locale.ROOT, "sign-up answers: new address median %.1f ms, subscribed address median %.1f ms%n",
                fresh.get(10) / 1e6, known.get(10) / 1e6);

        assertThat(known.get(0) / 1_000_000).as("even the fastest answer waits for the others' time").isGreaterThanOrEqualTo(20);
        assertThat(fresh.get(0) / 1_000_000).isGreaterThanOrEqualTo(20);
    }
}
