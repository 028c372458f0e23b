package com.verdictdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.events.Event;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.LogCapture;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.SitePages;
import com.verdictdigest.testing.WebFixture;
import com.verdictdigest.week.IsoWeek;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderLinksTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");

    @TempDir
    Path dir;
    private WebFixture web;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void setUp() throws Exception {
        web = new WebFixture(dir, 3);
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    private String link(Purpose purpose, Subscriber s, long tool) {
        return web.links.link(new LinkToken(purpose, s.id(), W48, tool));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrfOf(HttpResponse<String> page) {
        return Jsoup.parse(page.body()).selectFirst("input[name=csrf]").attr("value");
    }

    private SubscriberStatus status(Subscriber s) {
        return web.sender.digest.subscribers.byId(s.id()).orElseThrow().status();
    }

    @Test
    void aFailedRequestIsLoggedWithTheReadersTokenMasked() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        String link = link(Purpose.UNSUBSCRIBE, ada, 0);
        String token = link.substring(link.lastIndexOf('/') + 1);
        try (LogCapture log = new LogCapture()) {
            web.sender.digest.db.close(); // the store fails under the request

            HttpResponse<String> response = postForm(link, "List-Unsubscribe=One-Click");

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(log.text()).contains("Request POST /u/… failed").doesNotContain(token);
        }
    }

    @Test
    void oneClickUnsubscribeExactlyAsGmailSendsIt() throws Exception {
        Subscriber ada = web.reader("ada@example.com");

        HttpResponse<String> r = postForm(link(Purpose.UNSUBSCRIBE, ada, 0), "List-Unsubscribe=One-Click");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(status(ada)).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(web.events.list(W48)).extracting(Event::kind, Event::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unsubscribe", "one-click"));
    }

    @Test
    void oneClickAlsoAcceptsMultipartBodies() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        String boundary = "----vd";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--"
                + boundary + "--\r\n";

        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(link(Purpose.UNSUBSCRIBE, ada, 0)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(status(ada)).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void aGetOnEveryLinkOfAReceivedDigestChangesNothing() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        web.sender.sender(SenderFixture.smtp(web.greenMail.getSmtp().getPort()), SenderFixture.fast(1), web.links,
                URI.create(web.base)).send(W48);
        MimeMessage m = web.greenMail.getReceivedMessages()[0];
        String html = (String) ((Multipart) m.getContent()).getBodyPart(1).getContent();
        List<String> ours = Jsoup.parse(html).select("a[href]").eachAttr("href").stream()
                .filter(h -> h.startsWith(web.base)).distinct().toList();
        assertThat(ours).hasSizeGreaterThanOrEqualTo(9);

        for (String url : ours) {
            HttpResponse<String> r = get(url);
            assertThat(r.statusCode()).as(url).isEqualTo(200);
        }

        assertThat(status(ada)).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(web.sender.digest.subscribers.bookmarks(ada.id())).isEmpty();
        assertThat(web.events.list(null)).isEmpty();
    }

    @Test
    void tamperedForeignOrMisusedTokensAreNotValidAndDoNothing() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        String good = link(Purpose.UNSUBSCRIBE, ada, 0);
        String token = good.substring(good.lastIndexOf('/') + 1);
        char flipped = token.charAt(10) == 'A' ? 'B' : 'A';
        String tampered = web.base + "/u/" + token.substring(0, 10) + flipped + token.substring(11);
        String truncated = good.substring(0, good.length() - 3);
        String foreign = web.base + "/u/" + new com.verdictdigest.links.LinkSigner(
                "another-secret-another-secret-another!".getBytes(StandardCharsets.UTF_8))
                .sign(new LinkToken(Purpose.UNSUBSCRIBE, ada.id(), W48, 0));
        String wrongPurpose = web.base + "/u/" + link(Purpose.MANAGE, ada, 0).substring(link(Purpose.MANAGE, ada, 0).lastIndexOf('/') + 1);

        HttpResponse<String> controls = get(web.base + "/u/%00%0d%0a");
        assertThat(controls.statusCode()).as("Jetty refuses such a path itself").isEqualTo(400);
        assertThat(controls.body()).doesNotContain("Exception", "at com.");
        for (String url : List.of(tampered, truncated, foreign, wrongPurpose)) {
            HttpResponse<String> page = get(url);
            assertThat(page.statusCode()).as(url).isEqualTo(404);
            assertThat(page.body()).contains("This link is not valid").doesNotContain("Exception", "at com.");
            assertThat(postForm(url, "List-Unsubscribe=One-Click").statusCode()).isEqualTo(404);
        }
        assertThat(status(ada)).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void aPostWithoutThePagesCsrfTokenChangesNothing() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        long toolId = web.sender.digest.catalog.toolIds().get("cursor-3");

        assertThat(postForm(link(Purpose.BOOKMARK, ada, toolId), "").statusCode()).isEqualTo(403);
        assertThat(postForm(link(Purpose.UNSUBSCRIBE, ada, 0), "csrf=forged").statusCode()).isEqualTo(403);

        assertThat(web.sender.digest.subscribers.bookmarks(ada.id())).isEmpty();
        assertThat(status(ada)).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void bookmarkPageAsksAndItsButtonSavesOnceHowEverOftenPressed() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        String url = link(Purpose.BOOKMARK, ada, web.sender.digest.catalog.toolIds().get("cursor-3"));
        HttpResponse<String> page = get(url);
        assertThat(Jsoup.parse(page.body()).selectFirst("h1").text()).isEqualTo("Save Cursor 3 to your bookmarks?");

        assertThat(postForm(url, "csrf=" + csrfOf(page)).statusCode()).isEqualTo(200);
        assertThat(postForm(url, "csrf=" + csrfOf(page)).statusCode()).isEqualTo(200);

        assertThat(web.sender.digest.subscribers.bookmarks(ada.id())).extracting(b -> b.toolSlug()).containsExactly("cursor-3");
        assertThat(web.events.list(W48)).extracting(Event::kind, Event::source, Event::tool)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bookmark", "page", "cursor-3"));
    }

    @Test
    void managePageShowsStatusBookmarksAndJoinedDateAndItsButtonsWork() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        web.sender.digest.subscribers.addBookmark(ada.id(), "cursor-3");
        String url = link(Purpose.MANAGE, ada, 0);
        Document page = Jsoup.parse(get(url).body());
        assertThat(page.text()).contains("a…@example.com", "Status: active", "Joined ", "Cursor 3").doesNotContain("ada@example.com");
        String csrf = page.selectFirst("input[name=csrf]").attr("value");

        postForm(url + "/bookmarks/cursor-3/remove", "csrf=" + csrf);
        assertThat(web.sender.digest.subscribers.bookmarks(ada.id())).isEmpty();
        Document after = Jsoup.parse(postForm(url + "/unsubscribe", "csrf=" + csrf).body());
        assertThat(after.selectFirst("#status").text()).isEqualTo("unsubscribed");
        assertThat(after.select("button").eachText()).contains("Subscribe again");
        postForm(url + "/resubscribe", "csrf=" + csrf);
        assertThat(status(ada)).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(web.events.list(W48)).extracting(Event::kind)
                .containsExactly("unbookmark", "unsubscribe", "resubscribe");
    }

    @Test
    void unsubscribePageOffersToResubscribe() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        String url = link(Purpose.UNSUBSCRIBE, ada, 0);
        HttpResponse<String> done = postForm(url, "csrf=" + csrfOf(get(url)));
        assertThat(done.body()).contains("You are unsubscribed", "Subscribe again");

        postForm(url + "/resubscribe", "csrf=" + csrfOf(done));

        assertThat(status(ada)).isEqualTo(SubscriberStatus.ACTIVE);
    }

    /** Unsubscribes the reader, as if two hours ago: past the one-click window. */
    private void unsubscribedLongAgo(Subscriber reader) throws Exception {
        web.subscriptions.unsubscribe(reader.id(), com.verdictdigest.events.EventSource.PAGE, null);
        try (var con = web.sender.digest.db.connection(); var st = con.prepareStatement(
                "UPDATE subscriber SET unsubscribed_at = unsubscribed_at - INTERVAL '2' HOUR WHERE id = ?")) {
            st.setLong(1, reader.id());
            st.executeUpdate();
        }
    }

    @Test
    void anOldLinkCannotBringAReaderBackWithoutANewConfirmation() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        Subscriber bob = web.reader("bob@example.com");
        unsubscribedLongAgo(ada);
        unsubscribedLongAgo(bob);
        String unsubscribe = link(Purpose.UNSUBSCRIBE, ada, 0);
        String manage = link(Purpose.MANAGE, bob, 0);

        HttpResponse<String> fromUnsubscribe = postForm(unsubscribe + "/resubscribe", "csrf=" + csrfOf(get(unsubscribe)));
        HttpResponse<String> fromManage = postForm(manage + "/resubscribe", "csrf=" + csrfOf(get(manage)));

        for (HttpResponse<String> answer : List.of(fromUnsubscribe, fromManage)) {
            assertThat(answer.body()).contains("Check your inbox", "we sent a link to your address");
        }
        assertThat(status(ada)).as("double opt-in again").isEqualTo(SubscriberStatus.PENDING);
        assertThat(status(bob)).as("double opt-in again").isEqualTo(SubscriberStatus.PENDING);
        assertThat(web.greenMail.waitForIncomingEmail(10_000, 2)).as("a confirmation mail each, from the queue").isTrue();
        assertThat(web.greenMail.getReceivedMessages()).hasSize(2);
    }

    @Test
    void signupAnswersAlikeSendsOneConfirmationAndLimitsEachClient() throws Exception {
        web.reader("active@example.com");
        HttpResponse<String> fresh = postForm(web.base + "/subscribe", "email=new%40example.com");
        HttpResponse<String> again = postForm(web.base + "/subscribe", "email=NEW%40example.com");
        HttpResponse<String> active = http.send(HttpRequest.newBuilder(URI.create(web.base + "/subscribe"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"active@example.com\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(fresh.body()).select("main").text()).isEqualTo(Jsoup.parse(again.body()).select("main").text());
        assertThat(active.statusCode()).isEqualTo(200);
        assertThat(active.body()).contains("a confirmation link is on its way");
        assertThat(web.greenMail.waitForIncomingEmail(10_000, 1)).as("the confirmation, from the queue").isTrue();
        assertThat(web.confirmations.sendDue()).as("nothing else due").isTrue();
        assertThat(web.greenMail.getReceivedMessages()).as("one confirmation, resend throttled, none to active readers")
                .hasSize(1);
        assertThat(web.greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Confirm your subscription to Weekly AI Tool Verdicts");
        assertThat(postForm(web.base + "/subscribe", "email=fourth%40example.com").statusCode())
                .as("subscribe.per-client-per-hour = 3").isEqualTo(429);
        assertThat(postForm(web.base + "/subscribe", "email=bad").statusCode()).isEqualTo(400);
    }

    @Test
    void aReaderWhoUnsubscribedCanSubscribeAgainThroughTheForm() throws Exception {
        Subscriber left = web.reader("left@example.com");
        postForm(link(Purpose.UNSUBSCRIBE, left, 0), "List-Unsubscribe=One-Click");

        postForm(web.base + "/subscribe", "email=left%40example.com");

        assertThat(status(left)).as("pending until confirmed").isEqualTo(SubscriberStatus.PENDING);
        assertThat(web.greenMail.waitForIncomingEmail(10_000, 1)).as("the confirmation mail, from the queue").isTrue();
        String mail = (String) ((Multipart) web.greenMail.getReceivedMessages()[0].getContent()).getBodyPart(0).getContent();
        String confirm = mail.lines().map(String::strip).filter(l -> l.startsWith(web.base + "/c/")).findFirst().orElseThrow();
        postForm(confirm, "csrf=" + csrfOf(get(confirm)));
        assertThat(status(left)).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(web.events.list(null)).extracting(Event::kind).containsExactly("unsubscribe", "subscribe", "confirm");
    }

    @Test
    void confirmLinkShowsAButtonThatActivates() throws Exception {
        postForm(web.base + "/subscribe", "email=new%40example.com");
        Subscriber pending = web.sender.digest.subscribers.find(EmailAddress.parse("new@example.com")).orElseThrow();
        assertThat(pending.status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(web.greenMail.waitForIncomingEmail(10_000, 1)).as("the confirmation mail, from the queue").isTrue();
        String mail = (String) ((Multipart) web.greenMail.getReceivedMessages()[0].getContent()).getBodyPart(0).getContent();
        String confirm = mail.lines().map(String::strip).filter(l -> l.startsWith(web.base + "/c/")).findFirst().orElseThrow();

        HttpResponse<String> page = get(confirm);
        assertThat(status(pending)).as("a GET confirms nothing").isEqualTo(SubscriberStatus.PENDING);
        postForm(confirm, "csrf=" + csrfOf(page));

        assertThat(status(pending)).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void bookmarksApiListsAddsAndRemovesWithTheReadersToken() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        String api = web.base + "/api/bookmarks/" + link(Purpose.MANAGE, ada, 0).substring(link(Purpose.MANAGE, ada, 0).lastIndexOf('/') + 1);

        HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(api)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tool\":\"claude-code\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(get(api).body()).contains("\"toolSlug\":\"claude-code\"", "\"toolName\":\"Claude Code\"");
        HttpResponse<String> removed = http.send(HttpRequest.newBuilder(URI.create(api + "/claude-code")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(removed.body()).contains("\"bookmarks\":[]");
        assertThat(web.events.list(null)).extracting(Event::kind, Event::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bookmark", "api"), org.assertj.core.groups.Tuple.tuple("unbookmark", "api"));
        assertThat(get(web.base + "/api/bookmarks/forged").statusCode()).isEqualTo(404);
        assertThat(postForm(api, "{\"tool\":\"cursor-3\"}").statusCode()).as("no form can post here").isEqualTo(415);
    }

    @Test
    void answersCarryTheSecurityHeadersAndBodiesAreCapped() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        HttpResponse<String> page = get(link(Purpose.MANAGE, ada, 0));

        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(statusOfADeclaredBody("/subscribe", "application/x-www-form-urlencoded", 20_000)).startsWith("HTTP/1.1 413");
    }

    @Test
    void viewInBrowserArchiveAndFeedShowSentEditions() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        web.sender.sender(SenderFixture.smtp(web.greenMail.getSmtp().getPort()), SenderFixture.fast(1), web.links,
                URI.create(web.base)).send(W48);

        HttpResponse<String> own = get(link(Purpose.VIEW, ada, 0));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).as("safe to share: nothing in it acts for the reader or names them")
                .contains("3 new verdicts this week").doesNotContain("/u/", "/m/", "/b/", "ada@example.com");
        assertThat(get(web.base + "/digests").body()).contains("/digests/2026-W48", "Week 48");
        String publicCopy = get(web.base + "/digests/2026-W48").body();
        assertThat(publicCopy).contains("3 new verdicts this week").doesNotContain("/u/", "/b/", "/m/");
        String feed = get(web.base + "/digests/feed.atom").body();
        assertThat(Jsoup.parse(feed, "", org.jsoup.parser.Parser.xmlParser()).select("entry > link").attr("href"))
                .isEqualTo(web.base + "/digests/2026-W48");
        assertThat(get(web.base + "/digests/2026-W47").statusCode()).isEqualTo(404);
    }

    @Test
    void theFeedStaysWellFormedXmlWhateverASubjectHolds() throws Exception {
        IsoWeek w50 = IsoWeek.parse("2026-W50");
        long id = web.sender.editions.plan(w50, "Week 50: bad \u0001 and \uFFFE & <b>", java.util.List.of(), 0).id();
        web.sender.ledger.startSending(id, true);
        web.sender.ledger.finish(id); // went out (to nobody): in the archive and the feed

        String feed = get(web.base + "/digests/feed.atom").body();

        org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(feed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(xml.getElementsByTagName("title").item(1).getTextContent()).isEqualTo("Week 50: bad  and  & <b>");
    }

    /**
     * The status line a request declaring a body of {@code length} bytes gets before it sends any of
     * it (only the headers go out, so the server's early answer is not lost to a reset).
     */
    private String statusOfADeclaredBody(String path, String contentType, long length) throws Exception {
        URI base = URI.create(web.base);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void aMultipartBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        assertThat(statusOfADeclaredBody("/u/not-even-a-token", "multipart/form-data; boundary=XX", 67_108_864))
                .startsWith("HTTP/1.1 413");
        assertThat(statusOfADeclaredBody("/subscribe", "multipart/form-data; boundary=XX", 67_108_864)).startsWith("HTTP/1.1 413");

        // Without a declared length: refused once it passes the limit. The server answers 413 and closes
        // while the client still sends; the client may then lose the answer to the closed connection
        // (its write fails first), which is a refusal too. Either way nothing was read into a reader.
        try {
            HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create(web.base + "/subscribe"))
                    .header("Content-Type", "multipart/form-data; boundary=XX")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                            ("--XX\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nada@example.com" + " ".repeat(300_000)
                                    + "\r\n--XX--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).isEqualTo(413);
        } catch (java.io.IOException closedWhileSending) {
            assertThat(closedWhileSending).as("closed by the server, not timed out").isNotInstanceOf(java.net.http.HttpTimeoutException.class);
        }
        assertThat(web.sender.digest.subscribers.find(EmailAddress.parse("ada@example.com"))).isEmpty();
    }

    @Test
    void bodiesCutOffHalfWayAreAtMostOneWarningNotAStackTraceEach() throws Exception {
        Subscriber ada = web.reader("ada@example.com");
        URI link = URI.create(link(Purpose.UNSUBSCRIBE, ada, 0));
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 20; i++) {
                try (java.net.Socket socket = new java.net.Socket(link.getHost(), link.getPort())) {
                    socket.getOutputStream().write(("POST " + link.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200\r\n\r\nList-Unsub")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    Thread.sleep(20); // let the server start reading before the client goes away
                }
            }
            Subscriber bob = web.reader("bob@example.com");
            assertThat(postForm(link(Purpose.UNSUBSCRIBE, bob, 0), "List-Unsubscribe=One-Click").statusCode())
                    .as("the server is well after them").isEqualTo(200);

            assertThat(log.count("ERROR", "")).isZero();
            assertThat(log.count("WARN", "")).isLessThanOrEqualTo(1);
            assertThat(status(ada)).isEqualTo(SubscriberStatus.ACTIVE);
        }
    }

    /** The status line and headers of what Jetty itself answers to a raw request. */
    private String rawAnswer(String request) throws Exception {
        URI base = URI.create(web.base);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.append(line).append('\n');
            }
            return head.toString();
        }
    }

    @Test
    void jettysOwnErrorAnswersCarryTheSecurityHeaders() throws Exception {
        String uriTooLong = rawAnswer("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        String headersTooLarge = rawAnswer("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");

        for (String answer : List.of(uriTooLong, headersTooLarge)) {
            assertThat(answer).startsWith("HTTP/1.1 4").contains("Content-Security-Policy: default-src 'none'",
                    "X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer", "X-Frame-Options: DENY");
        }
    }

    /** A state-changing POST: refused without the page's CSRF field, with another link's, and under a token of another purpose. */
    private void refusedWithoutItsOwnCsrf(Subscriber reader, Purpose purpose, String suffix, Purpose otherPurpose) throws Exception {
        String own = link(purpose, reader, 0);
        String token = own.substring(own.lastIndexOf('/') + 1);
        String other = link(otherPurpose, reader, 0);
        String otherToken = other.substring(other.lastIndexOf('/') + 1);
        String otherCsrf = web.links.signer().csrf(otherToken);

        assertThat(postForm(own + suffix, "").statusCode()).as("no CSRF field: %s%s", purpose, suffix).isEqualTo(403);
        assertThat(postForm(own + suffix, "csrf=" + otherCsrf).statusCode()).as("another link's CSRF field: %s%s", purpose, suffix)
                .isEqualTo(403);
        assertThat(postForm((own + suffix).replace(token, otherToken), "csrf=" + otherCsrf).statusCode())
                .as("a %s token: %s%s", otherPurpose, purpose, suffix).isEqualTo(404);
    }

    @Test
    void everyFormThatChangesSomethingNeedsItsPagesCsrfFieldAndItsOwnPurpose() throws Exception {
        web.sender.digest.subscribers.add(EmailAddress.parse("pending@example.com"), SubscriberStatus.PENDING);
        Subscriber pending = web.sender.digest.subscribers.find(EmailAddress.parse("pending@example.com")).orElseThrow();
        Subscriber active = web.reader("active@example.com");
        Subscriber gone = web.reader("gone@example.com");
        web.subscriptions.unsubscribe(gone.id(), com.verdictdigest.events.EventSource.PAGE, null);
        web.sender.digest.subscribers.addBookmark(active.id(), "cursor-3");

        refusedWithoutItsOwnCsrf(pending, Purpose.CONFIRM, "", Purpose.MANAGE);
        refusedWithoutItsOwnCsrf(gone, Purpose.UNSUBSCRIBE, "/resubscribe", Purpose.MANAGE);
        refusedWithoutItsOwnCsrf(active, Purpose.MANAGE, "/unsubscribe", Purpose.UNSUBSCRIBE);
        refusedWithoutItsOwnCsrf(gone, Purpose.MANAGE, "/resubscribe", Purpose.UNSUBSCRIBE);
        refusedWithoutItsOwnCsrf(active, Purpose.MANAGE, "/bookmarks/cursor-3/remove", Purpose.UNSUBSCRIBE);

        assertThat(status(pending)).isEqualTo(SubscriberStatus.PENDING);
        assertThat(status(active)).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(status(gone)).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(web.sender.digest.subscribers.bookmarks(active.id())).hasSize(1);
    }

    @Test
    void aHostileToolNameAndTitleAreEscapedOnTheReadersPages() throws Exception {
        String script = "<script>alert(1)</script>";
        java.nio.file.Path site = java.nio.file.Files.createDirectories(dir.resolve("hostile-site"));
        SitePages.variantWithSlug(site, "hostile", doc -> {
            doc.selectFirst("article h1").text("\"><img src=x onerror=alert(1)> " + script);
            doc.select(".tool .name").first().text(script + " Tool");
        });
        web.sender.digest.importPages(site.toString());
        Subscriber ada = web.reader("ada@example.com");
        String hostileSlug = "mistral-3-small-22b"; // the left tool of the seed page, renamed above
        long toolId = web.sender.digest.catalog.toolIds().get(hostileSlug);
        web.sender.digest.subscribers.addBookmark(ada.id(), hostileSlug);

        String bookmarkPage = get(link(Purpose.BOOKMARK, ada, toolId)).body();
        String managePage = get(link(Purpose.MANAGE, ada, 0)).body();

        for (String page : List.of(bookmarkPage, managePage)) {
            assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt; Tool").doesNotContain(script);
        }
        assertThat(web.sender.digest.catalog.all().stream().anyMatch(c -> c.left().name().startsWith(script))).isTrue();
    }
}
