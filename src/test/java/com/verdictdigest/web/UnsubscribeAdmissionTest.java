package com.verdictdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.digest.IsoWeek;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.WebFixture;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unsubscribe POSTs are let in a few at a time; one that waits past its turn is answered 503 and changes nothing. */
class UnsubscribeAdmissionTest {
    @TempDir
    Path dir;
    private WebFixture web;

    @BeforeEach
    void setUp() throws Exception {
        web = new WebFixture(dir, 3, Set.of(), 1, Duration.ofSeconds(1));
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    private String unsubscribeLink(Subscriber s) {
        return web.links.link(new LinkToken(Purpose.UNSUBSCRIBE, s.id(), IsoWeek.parse("2026-W48"), 0));
    }

    @Test
    void anUnsubscribeThatWaitsPastTheQueueTimeIsAnswered503AndChangesNothing() throws Exception {
        Subscriber slow = web.reader("slow@example.com");
        Subscriber queued = web.reader("queued@example.com");
        URI slowLink = URI.create(unsubscribeLink(slow));
        try (Socket dribbling = new Socket(InetAddress.getLoopbackAddress(), slowLink.getPort())) {
            // Holds the only permit: headers sent, the body promised but not yet written.
            OutputStream out = dribbling.getOutputStream();
            out.write(("POST " + slowLink.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 26\r\n\r\nList-").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(500); // arrival order: the server admits it before the second arrives

            HttpResponse<String> second = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(unsubscribeLink(queued)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(web.sender.digest.subscribers.byId(queued.id()).orElseThrow().status()).isEqualTo(SubscriberStatus.ACTIVE);
        }
    }
}
