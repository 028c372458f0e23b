package com.verdictdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.events.Event;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.subscribers.Preferences;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.testing.WebFixture;
import com.verdictdigest.week.IsoWeek;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagePreferencesTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");

    @TempDir
    Path dir;
    private WebFixture web;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Subscriber ada;
    private String url;

    @BeforeEach
    void setUp() throws Exception {
        web = new WebFixture(dir, 3);
        ada = web.reader("ada@example.com");
        url = web.links.link(new LinkToken(Purpose.MANAGE, ada.id(), W48, 0));
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    private Document page() throws Exception {
        return Jsoup.parse(http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private HttpResponse<String> save(String form) throws Exception {
        String csrf = page().selectFirst("#preferences input[name=csrf]").attr("value");
        return http.send(HttpRequest.newBuilder(URI.create(url + "/preferences"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&" + form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String category(String name) {
        return "category=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private Preferences stored() {
        return web.sender.digest.subscribers.preferences(ada.id());
    }

    @Test
    void theFormOffersTheCatalogsCategoriesWithEverythingFollowedByDefault() throws Exception {
        Document page = page();

        assertThat(page.select("#preferences input[name=category]").eachAttr("value"))
                .containsExactly("Design", "Developer Tools", "Productivity", "Research");
        assertThat(page.selectFirst("input[name=follow][value=all]").hasAttr("checked")).isTrue();
        assertThat(page.select("#preferences input[name=category][checked]")).isEmpty();
        assertThat(page.selectFirst("select[name=pause] option[selected]").attr("value")).isEqualTo("none");
        assertThat(page.select("select[name=pause] option").eachAttr("value")).containsExactly("none", "1", "2", "3", "4", "5",
                "6", "7", "8");
    }

    @Test
    void savedChoicesAreStoredShownAgainAndRecordedAsOneEvent() throws Exception {
        Instant before = Instant.now();
        HttpResponse<String> saved = save("follow=some&" + category("Developer Tools") + "&" + category("Productivity")
                + "&bookmarked-only=on&alerts=on&pause=2");

        assertThat(saved.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(saved.body());
        assertThat(page.selectFirst("#saved")).isNotNull();
        assertThat(page.select("#preferences input[name=category][checked]").eachAttr("value"))
                .containsExactly("Developer Tools", "Productivity");
        assertThat(page.selectFirst("input[name=bookmarked-only]").hasAttr("checked")).isTrue();
        assertThat(page.selectFirst("#paused").text()).startsWith("Paused until ");
        Preferences p = stored();
        assertThat(p.categories()).containsExactlyInAnyOrder("Developer Tools", "Productivity");
        assertThat(p.bookmarkedOnly()).isTrue();
        assertThat(p.alerts()).isTrue();
        assertThat(p.pausedUntil()).isBetween(before.plus(Duration.ofDays(14)), Instant.now().plus(Duration.ofDays(14)));

        save("follow=some&" + category("Developer Tools") + "&" + category("Productivity")
                + "&bookmarked-only=on&alerts=on&pause=keep");
        assertThat(stored()).isEqualTo(p);
        assertThat(web.events.list(W48)).extracting(Event::kind).containsExactly("preferences");

        save("follow=all&pause=none");
        assertThat(stored()).isEqualTo(Preferences.DEFAULT);
    }

    @Test
    void choicesThePageNeverOffersAreRefusedAndNothingChanges() throws Exception {
        save("follow=some&" + category("Productivity"));
        Preferences before = stored();

        HttpResponse<String> unknown = save("follow=some&" + category("Astrology"));
        HttpResponse<String> none = save("follow=some");
        HttpResponse<String> longPause = save("follow=all&pause=9");

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(unknown.body()).text()).contains("There is no category called \"Astrology\"", "Nothing was changed");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(none.body()).text()).contains("Choose at least one category");
        assertThat(longPause.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(longPause.body()).text()).contains("A pause lasts 1 to 8 weeks");
        assertThat(stored()).isEqualTo(before).isEqualTo(new Preferences(Set.of("Productivity"), false, null, false));
    }

    @Test
    void aPostWithoutThePagesCsrfOrWithAnotherPurposesTokenChangesNothing() throws Exception {
        HttpResponse<String> noCsrf = http.send(HttpRequest.newBuilder(URI.create(url + "/preferences"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("follow=some&" + category("Design"))).build(), HttpResponse.BodyHandlers.ofString());
        String unsubscribe = web.links.link(new LinkToken(Purpose.UNSUBSCRIBE, ada.id(), W48, 0));
        HttpResponse<String> otherPurpose = http.send(HttpRequest.newBuilder(URI.create(unsubscribe + "/preferences"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("follow=some&" + category("Design"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(otherPurpose.statusCode()).isEqualTo(404);
        assertThat(stored()).isEqualTo(Preferences.DEFAULT);
    }
}
