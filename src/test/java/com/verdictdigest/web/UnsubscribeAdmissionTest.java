package com.verdictdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.WebFixture;
import com.verdictdigest.week.IsoWeek;
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
        Subscriber held = web.reader("held@example.com");
        Subscriber queued = web.reader("queued@example.com");
        HttpClient http = HttpClient.newHttpClient();
        try (var con = web.sender.digest.db.connection()) {
            // The database holds the first unsubscribe (a lock on its reader): it keeps the only turn.
            con.setAutoCommit(false);
            try (var lock = con.prepareStatement("SELECT id FROM subscriber WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, held.id());
                lock.executeQuery().close();
            }
            var first = http.sendAsync(HttpRequest.newBuilder(URI.create(unsubscribeLink(held)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500); // arrival order: the first is admitted before the second arrives

            HttpResponse<String> second = http.send(HttpRequest.newBuilder(URI.create(unsubscribeLink(queued)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(web.sender.digest.subscribers.byId(queued.id()).orElseThrow().status()).isEqualTo(SubscriberStatus.ACTIVE);
            con.rollback();
            first.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void clientsThatDribbleTheirBodiesCannotHoldEveryPermit() throws Exception {
        web.close();
        web = new WebFixture(dir.resolve("second"), 3, Set.of(), 8, Duration.ofSeconds(15));
        Subscriber reader = web.reader("reader@example.com");
        URI link = URI.create(unsubscribeLink(reader));
        java.util.List<Socket> slow = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService dribblers = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), link.getPort());
                slow.add(s);
                dribblers.submit(() -> {
                    // One byte a second of a 26-byte body, for at most 20 s.
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /u/not-a-token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 26\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    for (int b = 0; b < 20; b++) {
                        out.write('L');
                        out.flush();
                        Thread.sleep(1_000);
                    }
                    return null;
                });
            }
            Thread.sleep(1_000); // arrival order: the eight are admitted first

            long start = System.nanoTime();
            HttpResponse<String> oneClick = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("one-click beside eight dribbling clients answered %d in %d ms%n", oneClick.statusCode(),
                    (System.nanoTime() - start) / 1_000_000);

            assertThat(oneClick.statusCode()).isEqualTo(200);
            assertThat(web.sender.digest.subscribers.byId(reader.id()).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        } finally {
            dribblers.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void aOneClickWhoseBodyComesAMomentAfterItsHeadersIsAnswered() throws Exception {
        Subscriber reader = web.reader("late-body@example.com");
        URI link = URI.create(unsubscribeLink(reader));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), link.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST " + link.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 26\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // the body in its own packet, a round trip later (a minimum rate of 1 KB/s cut this off)
            out.write("List-Unsubscribe=One-Click".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 200");
        }
        assertThat(web.sender.digest.subscribers.byId(reader.id()).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }
}
