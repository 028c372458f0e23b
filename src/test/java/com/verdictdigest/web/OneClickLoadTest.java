package com.verdictdigest.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.KeepAliveClient;
import com.verdictdigest.testing.Readers;
import com.verdictdigest.testing.WebFixture;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 2,000 RFC 8058 one-click unsubscribes from 64 concurrent clients on loopback: every one recorded,
 * no error. Prints the rate and the 99th-percentile latency (README, Performance); it asserts only
 * correctness, since speed on a shared machine is a measurement, not a test.
 */
class OneClickLoadTest {
    private static final int READERS = 2_000;
    private static final int CLIENTS = 64;
    /** Readers unsubscribed first, unmeasured, so the JIT has compiled the server's hot path. */
    private static final int WARM_UP = 1_000;

    @TempDir
    Path dir;
    private WebFixture web;

    @BeforeEach
    void setUp() throws Exception {
        web = new WebFixture(dir, 10);
    }

    @AfterEach
    void tearDown() {
        web.close();
    }

    @Test
    void twoThousandOneClickUnsubscribesFromSixtyFourClientsAreAllRecorded() throws Exception {
        load("");
    }

    /** Eight clients that send their bodies a few bytes a second, over and over, while the load runs. */
    @Test
    void theLoadHoldsWithEightClientsDribblingTheirBodiesBesideIt() throws Exception {
        URI server = URI.create(web.base);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService dribblers = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            dribblers.submit(() -> {
                for (int round = 0; round < 100 && !stop.get(); round++) { // bounded
                    try (Socket s = new Socket(server.getHost(), server.getPort())) {
                        OutputStream out = s.getOutputStream();
                        out.write(("POST /u/not-a-token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 26\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        for (int b = 0; b < 25 && !stop.get(); b++) {
                            out.write('L');
                            out.flush();
                            Thread.sleep(200);
                        }
                    } catch (IOException e) {
                        // cut off by the server: come back
                    }
                }
                return null;
            });
        }
        try {
            load(" beside 8 dribbling clients");
        } finally {
            stop.set(true);
            dribblers.shutdownNow();
        }
    }

    private void load(String beside) throws Exception {
        List<Subscriber> readers = web.sender.readers(WARM_UP + READERS, "r", SubscriberStatus.ACTIVE);
        ConcurrentLinkedQueue<String> urls = new ConcurrentLinkedQueue<>();
        for (Subscriber s : readers) {
            urls.add(web.links.link(new LinkToken(Purpose.UNSUBSCRIBE, s.id(), null, 0)));
        }
        ConcurrentLinkedQueue<String> warmUp = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < WARM_UP; i++) {
            warmUp.add(urls.poll());
        }
        URI server = URI.create(web.base);
        AtomicInteger errors = new AtomicInteger();
        run(server, warmUp, new ArrayList<>(), errors);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        run(server, urls, latencies, errors);
        double seconds = (System.nanoTime() - start) / 1e9;

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "one-click load%s: %d unsubscribes from %d clients in %.2f s: %.0f per second, "
                        + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", beside, READERS, CLIENTS, seconds, READERS / seconds,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), percentile(sorted, 100));

        assertThat(errors.get()).isZero();
        assertThat(Readers.all(web.sender.digest.subscribers, SubscriberStatus.UNSUBSCRIBED)).hasSize(WARM_UP + READERS);
        assertThat(web.events.list(null)).hasSize(WARM_UP + READERS);
    }

    /** The latency under which {@code p} per cent of the requests finished, in milliseconds. */
    private static double percentile(List<Long> sortedNanos, int p) {
        return sortedNanos.get((int) Math.ceil(sortedNanos.size() * p / 100.0) - 1) / 1e6;
    }

    /**
     * 64 clients, each on its own kept-alive connection, post one-click unsubscribes exactly as
     * Gmail does until the queue is empty (bounded: each read times out after 10 s).
     */
    private static void run(URI server, ConcurrentLinkedQueue<String> urls, List<Long> latencies, AtomicInteger errors)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(clients.submit(() -> {
                try (KeepAliveClient http = new KeepAliveClient(server.getHost(), server.getPort())) {
                    String url;
                    while ((url = urls.poll()) != null) {
                        long t0 = System.nanoTime();
                        try {
                            if (http.post(url, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click") != 200) {
                                errors.incrementAndGet();
                            }
                        } catch (IOException | RuntimeException e) {
                            errors.incrementAndGet();
                            http.close(); // the next request opens a new connection
                        }
                        latencies.add(System.nanoTime() - t0);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();
    }
}
