package com.verdictdigest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.verdictdigest.events.Event;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.testing.WebFixture;
import com.verdictdigest.votes.Choice;
import com.verdictdigest.votes.Tally;
import com.verdictdigest.week.IsoWeek;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ship or skip from the digest's buttons, on the real web server: a GET asks, the page's POST votes. */
class VotePagesTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");

    @TempDir
    Path dir;
    private WebFixture web;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Subscriber ada;
    private long cursor;

    @BeforeEach
    void setUp() throws Exception {
        web = new WebFixture(dir, 3);
        ada = web.reader("ada@example.com");
        cursor = web.sender.digest.catalog.toolIds().get("cursor-3");
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    /** The link under a tool in the digest, as the email carries it. */
    private String voteLink(Subscriber reader, long tool) {
        return web.links.link(new LinkToken(Purpose.VOTE, reader.id(), W48, tool));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String choice, String csrf) throws Exception {
        StringBuilder body = new StringBuilder("choice=" + URLEncoder.encode(choice, StandardCharsets.UTF_8));
        if (csrf != null) {
            body.append("&csrf=").append(URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        }
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrfOf(HttpResponse<String> page) {
        return Jsoup.parse(page.body()).selectFirst("input[name=csrf]").attr("value");
    }

    /** Opens the link as the reader does, then clicks the page's button for {@code choice}. */
    private HttpResponse<String> vote(String link, String choice) throws Exception {
        HttpResponse<String> page = get(link + "?v=" + choice);
        Document d = Jsoup.parse(page.body());
        String action = d.selectFirst("button#" + choice).parent().attr("action");
        return post(URI.create(link).resolve(action).toString(), choice, csrfOf(page));
    }

    private long voteEvents() {
        return web.events.list(null).stream().filter(e -> e.kind().equals("vote")).count();
    }

    @Test
    void aScannerOpeningTheLinkSeesTheToolAndVotesNothing() throws Exception {
        HttpResponse<String> r = get(voteLink(ada, cursor) + "?v=skip");

        assertThat(r.statusCode()).isEqualTo(200);
        Document d = Jsoup.parse(r.body());
        assertThat(d.selectFirst("h1").text()).isEqualTo("Ship or skip Cursor 3?");
        assertThat(d.selectFirst("#tagline").text()).isNotBlank();
        assertThat(d.select("form button").eachText()).as("the choice clicked first").containsExactly("Skip it", "Ship it");
        assertThat(d.selectFirst("button#skip").hasClass("secondary")).isFalse();
        assertThat(d.selectFirst("button#ship").hasClass("secondary")).isTrue();
        assertThat(d.select("form").eachAttr("method")).containsOnly("post");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");

        assertThat(get(voteLink(ada, cursor)).statusCode()).as("without a choice: both buttons").isEqualTo(200);
        assertThat(web.votes.tally("cursor-3").votes()).isZero();
        assertThat(web.events.list(null)).isEmpty();
    }

    @Test
    void thePagesButtonCastsTheVoteAsAnEventOfTheEditionAndShowsTheTally() throws Exception {
        HttpResponse<String> r = vote(voteLink(ada, cursor), "ship");

        assertThat(r.statusCode()).isEqualTo(200);
        Document d = Jsoup.parse(r.body());
        assertThat(d.text()).contains("You voted to ship Cursor 3.");
        assertThat(d.selectFirst("#tally").text()).isEqualTo("Readers: 100% ship, 1 vote");
        assertThat(d.select("form button").eachText()).as("to change one's mind").containsExactly("Skip it");
        assertThat(web.votes.tally("cursor-3")).isEqualTo(new Tally("cursor-3", 1, 0));
        assertThat(web.events.list(W48)).extracting(Event::kind, Event::source, Event::tool, Event::email)
                .containsExactly(tuple("vote", "page", "cursor-3", "ada@example.com"));
    }

    @Test
    void theSameLinkChangesTheVoteAndTheSameChoiceAgainIsNoNewEvent() throws Exception {
        String link = voteLink(ada, cursor);
        vote(link, "ship");

        Document again = Jsoup.parse(get(link + "?v=skip").body());
        assertThat(again.text()).contains("Your vote so far: ship it.");
        HttpResponse<String> changed = vote(link, "skip");
        assertThat(changed.body()).contains("You changed your vote: skip Cursor 3.");
        assertThat(Jsoup.parse(changed.body()).selectFirst("#tally").text()).isEqualTo("Readers: 0% ship, 1 vote");
        HttpResponse<String> same = vote(link, "skip");
        assertThat(same.body()).contains("Your vote stays: skip Cursor 3.");

        assertThat(web.votes.of(ada.id())).extracting(v -> v.choice()).containsExactly(Choice.SKIP);
        assertThat(voteEvents()).isEqualTo(2);
    }

    @Test
    void forgedTamperedOrOtherPurposeTokensAreNotValidAndVoteNothing() throws Exception {
        String good = voteLink(ada, cursor);
        String csrf = csrfOf(get(good + "?v=ship"));
        String token = good.substring(good.lastIndexOf('/') + 1);
        char flipped = token.charAt(10) == 'A' ? 'B' : 'A';
        String tampered = web.base + "/s/" + token.substring(0, 10) + flipped + token.substring(11);
        String bookmarkToken = web.links.link(new LinkToken(Purpose.BOOKMARK, ada.id(), W48, cursor));
        String otherPurpose = web.base + "/s/" + bookmarkToken.substring(bookmarkToken.lastIndexOf('/') + 1);
        String unknownTool = voteLink(ada, 999_999);
        String forged = web.base + "/s/not-a-token";

        for (String url : new String[] {tampered, otherPurpose, unknownTool, forged}) {
            HttpResponse<String> page = get(url + "?v=ship");
            assertThat(page.statusCode()).as(url).isEqualTo(404);
            assertThat(page.body()).contains("This link is not valid");
            assertThat(post(url, "ship", csrf).statusCode()).as(url).isEqualTo(url.equals(unknownTool) ? 403 : 404);
        }
        String unknownToolsCsrf = web.links.signer().csrf(unknownTool.substring(unknownTool.lastIndexOf('/') + 1));
        assertThat(post(unknownTool, "ship", unknownToolsCsrf).statusCode()).as("a signed link to no tool").isEqualTo(404);
        assertThat(web.votes.tallies()).isEmpty();
        assertThat(web.events.list(null)).isEmpty();
    }

    @Test
    void aPostWithoutThePagesCsrfIsRefused() throws Exception {
        Subscriber bob = web.reader("bob@example.com");
        String link = voteLink(ada, cursor);
        String bobsCsrf = csrfOf(get(voteLink(bob, cursor) + "?v=ship"));

        HttpResponse<String> none = post(link, "ship", null);
        HttpResponse<String> wrong = post(link, "ship", "forged");
        HttpResponse<String> someoneElses = post(link, "ship", bobsCsrf);

        for (HttpResponse<String> r : java.util.List.of(none, wrong, someoneElses)) {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("Please use the button on the page");
        }
        assertThat(web.votes.tallies()).isEmpty();
        assertThat(web.events.list(null)).isEmpty();
    }

    @Test
    void aChoiceOtherThanShipOrSkipIsRefusedWithAClearMessage() throws Exception {
        String link = voteLink(ada, cursor);
        String csrf = csrfOf(get(link + "?v=ship"));

        HttpResponse<String> page = get(link + "?v=maybe");
        HttpResponse<String> posted = post(link, "SHIP", csrf);
        HttpResponse<String> empty = post(link, "", csrf);

        for (HttpResponse<String> r : java.util.List.of(page, posted, empty)) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Jsoup.parse(r.body()).text()).contains("Choose ship or skip", "A vote is either ship or skip.");
        }
        assertThat(web.votes.tallies()).isEmpty();
        assertThat(web.events.list(null)).isEmpty();
    }

    @Test
    void theApiGivesEveryToolsTallyForTheSite() throws Exception {
        Subscriber bob = web.reader("bob@example.com");
        Subscriber cy = web.reader("cy@example.com");
        vote(voteLink(ada, cursor), "ship");
        vote(voteLink(bob, cursor), "ship");
        vote(voteLink(cy, cursor), "skip");
        vote(voteLink(ada, web.sender.digest.catalog.toolIds().get("windsurf")), "skip");

        HttpResponse<String> r = get(web.base + "/api/votes");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(r.headers().firstValue("Cache-Control")).contains("public, max-age=300");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        JsonNode json = new ObjectMapper().readTree(r.body());
        assertThat(json.get("minReaders").asInt()).isEqualTo(3);
        JsonNode tools = json.get("tools");
        assertThat(tools).hasSize(2);
        assertThat(tools.get(0).toString()).isEqualTo(
                "{\"slug\":\"cursor-3\",\"name\":\"Cursor 3\",\"ship\":2,\"skip\":1,\"votes\":3,\"shipPercent\":67}");
        assertThat(tools.get(1).get("slug").asText()).as("below the threshold, given all the same").isEqualTo("windsurf");
        assertThat(tools.get(1).get("votes").asInt()).isEqualTo(1);
        assertThat(r.body()).doesNotContain("example.com");
    }
}
