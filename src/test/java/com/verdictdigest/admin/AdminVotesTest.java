package com.verdictdigest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.ServiceFixture;
import com.verdictdigest.votes.Choice;
import com.verdictdigest.votes.Votes;
import com.verdictdigest.week.IsoWeek;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's figures count the votes cast or changed from each edition's links, in the API and on the page. */
class AdminVotesTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");

    @TempDir
    Path dir;
    private ServiceFixture fx;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    @BeforeEach
    void setUp() {
        fx = new ServiceFixture(dir, 3, 100);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode edition() throws Exception {
        return new ObjectMapper().readTree(send(HttpRequest.newBuilder(URI.create(fx.base + "/admin/api/editions/" + W48))
                .header("Authorization", "Bearer " + ServiceFixture.ADMIN_TOKEN)).body());
    }

    private long reader(int i) {
        return fx.app.subscribers().find(EmailAddress.parse("reader" + i + "@example.com")).orElseThrow().id();
    }

    @Test
    void anEditionsVotesAreCountedForTheOperator() throws Exception {
        fx.service.control().trigger(W48);
        Poll.until(() -> fx.app.editions().find(W48).map(e -> e.status().word().equals("sent")).orElse(false),
                Duration.ofSeconds(30));
        Votes votes = fx.app.votes();
        votes.cast(reader(1), "cursor-3", Choice.SHIP, W48);
        votes.cast(reader(2), "cursor-3", Choice.SKIP, W48);
        votes.cast(reader(2), "cursor-3", Choice.SHIP, W48); // changed: a second event
        votes.cast(reader(3), "cursor-3", Choice.SKIP, null); // not from an edition's link

        assertThat(edition().get("votes").asInt()).isEqualTo(3);

        send(HttpRequest.newBuilder(URI.create(fx.base + "/admin/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + ServiceFixture.ADMIN_TOKEN)));
        var page = Jsoup.parse(send(HttpRequest.newBuilder(URI.create(fx.base + "/admin"))).body());
        assertThat(page.select("#editions thead th").eachText()).contains("Votes");
        assertThat(page.selectFirst("#editions tr[data-week=2026-W48] td.votes").text()).isEqualTo("3");
    }
}
