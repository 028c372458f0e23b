package com.verdictdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.Traces;
import com.verdictdigest.testing.WebFixture;
import com.verdictdigest.week.IsoWeek;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Download my data" and "Erase me" from the reader's page, on the running server: the download
 * and the question change nothing, the button's POST erases, and then neither the tables nor the
 * files of the data folder hold the reader. ({@link DataPagesOnPostgresTest}: the same on PostgreSQL.)
 */
class DataPagesTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");
    private static final String ADDRESS = "Ada.Lovelace@example.com";

    @TempDir
    Path dir;
    private WebFixture web;
    private Subscriber ada;
    private String manage;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void aReaderWhoGotADigest() throws Exception {
        web = new WebFixture(dir, 3);
        ada = web.reader(ADDRESS);
        web.subscriptions.bookmark(ada.id(), web.subscriptions.toolBySlug("claude-code").orElseThrow(), EventSource.PAGE, W48);
        web.sender.sender(SenderFixture.smtp(web.greenMail.getSmtp().getPort()), SenderFixture.fast(1), web.links,
                URI.create(web.base)).send(W48);
        manage = web.links.link(new LinkToken(Purpose.MANAGE, ada.id(), W48, 0));
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String href(HttpResponse<String> page, String id) {
        return web.base + Jsoup.parse(page.body()).getElementById(id).attr("href");
    }

    @Test
    void theDownloadIsAnAttachmentWithTheReadersDataAndChangesNothing() throws Exception {
        HttpResponse<String> download = get(href(get(manage), "download-data"));

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment;"));
        JsonNode data = new ObjectMapper().readTree(download.body());
        assertThat(data.at("/reader/email").asText()).isEqualTo(ADDRESS);
        assertThat(data.at("/bookmarks/0/tool_slug").asText()).isEqualTo("claude-code");
        assertThat(data.at("/editions/0/week").asText()).isEqualTo("2026-W48");
        assertThat(web.sender.digest.subscribers.byId(ada.id())).isPresent();
    }

    @Test
    void eraseMeAsksFirstThenTheButtonErasesAndTheLinksStopWorking() throws Exception {
        HttpResponse<String> question = get(href(get(manage), "erase-me"));

        assertThat(question.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(question.body());
        assertThat(page.select("form#erase-form button#erase-confirm[name=erase]")).hasSize(1);
        assertThat(web.sender.digest.subscribers.byId(ada.id())).as("a GET changes nothing").isPresent();
        String action = web.base + page.getElementById("erase-form").attr("action");
        assertThat(post(action, "csrf=forged").statusCode()).isEqualTo(403);
        assertThat(web.sender.digest.subscribers.byId(ada.id())).isPresent();

        HttpResponse<String> erased = post(action, "csrf=" + page.selectFirst("input[name=csrf]").attr("value"));

        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(erased.body()).selectFirst("h1").text()).isEqualTo("Your data is erased");
        assertThat(web.sender.digest.subscribers.byId(ada.id())).isEmpty();
        assertThat(get(manage).statusCode()).isEqualTo(404);
        assertThat(get(href(question, "download-data")).statusCode()).isEqualTo(404);
        String unsubscribe = web.links.link(new LinkToken(Purpose.UNSUBSCRIBE, ada.id(), W48, 0));
        assertThat(post(unsubscribe, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
        assertThat(web.events.list(null)).filteredOn(e -> e.kind().equals("erase"))
                .singleElement().satisfies(e -> assertThat(e.email()).isEqualTo(EventLog.ERASED));
        try (Connection con = web.sender.digest.db.connection()) {
            assertThat(Traces.inTables(con, ADDRESS, ada.id())).isEmpty();
        }
        assertThat(Traces.inFiles(dir, ADDRESS, null)).as("the data folder, under the running server").isEmpty();
    }
}
