package com.verdictdigest.bench;

import com.verdictdigest.app.App;
import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import com.verdictdigest.delivery.EditionSender;
import com.verdictdigest.delivery.SendSummary;
import com.verdictdigest.store.ScratchSchema;
import com.verdictdigest.store.StoreConfig;
import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Preferences;
import com.verdictdigest.week.IsoWeek;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Sends the sample site's week 2026-W48 to N made-up readers through the whole pipeline (plan,
 * render once, personalise, record each delivery in the ledger, compose, SMTP) in a throwaway
 * database, and prints its figures, the last line as JSON for harnesses that compare senders
 * (README, Performance). The readers are {@link ReaderMix}'s: some skip the week by their preferences.
 */
public final class SendBenchmark {
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W48");

    private SendBenchmark() {
    }

    /**
     * @param dbUrl an empty database to run in (PostgreSQL, with {@code db.user} and {@code db.password}),
     *              emptied again afterwards; null for a throwaway H2 file
     */
    public static void run(Settings base, String dbUrl, int readers, int maxSeconds, String host, int port, PrintWriter out)
            throws IOException {
        Path dir = Files.createTempDirectory("verdicts-bench");
        Settings settings = base.with(Keys.DATA_DIR, dir.toString())
                .with(Keys.DB_URL, dbUrl != null ? dbUrl : "jdbc:h2:file:" + dir.resolve("bench") + ";CACHE_SIZE=65536")
                .with(Keys.SMTP_HOST, host).with(Keys.SMTP_PORT, String.valueOf(port)).with(Keys.SMTP_TLS, "none")
                .with(Keys.SITE_BASE_URL, "https://verdicts.example")
                .with(Keys.LINKS_SECRET, "bench-secret-bench-secret-bench-secret");
        if (dbUrl != null) {
            ScratchSchema.requireEmpty(StoreConfig.from(settings));
        }
        try (App app = new App(settings, Clock.systemUTC())) {
            long setup = System.nanoTime();
            app.importer().importFrom(List.of("sample"));
            addReaders(app, readers);
            out.printf(Locale.ROOT, "set up %,d readers in %.1f s%n", readers, (System.nanoTime() - setup) / 1e9);

            EditionSender sender = app.sender();
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            timer.schedule(sender::stop, maxSeconds, TimeUnit.SECONDS);
            HeapSampler heap = new HeapSampler();
            long cpuStart = HeapSampler.processCpuNanos();
            SendSummary summary = sender.send(WEEK);
            double cpu = (HeapSampler.processCpuNanos() - cpuStart) / 1e9;
            long[] heapPeaks = heap.stop();
            timer.shutdownNow();
            long avgBytes = app.proofs().sampleMessageBytes(WEEK);
            double seconds = summary.sending().toNanos() / 1e9;
            long peakHeapMb = heapPeaks[0] / (1024 * 1024);
            String afterFullGc = heapPeaks[1] < 0 ? "no full collection" : heapPeaks[1] / (1024 * 1024) + " MB after a full collection";
            out.println(summary.line());
            out.printf(Locale.ROOT, "%,d connections; %.2f s sending; %,.0f messages/s; %.2f CPU s (%.2f ms per message); "
                            + "peak heap %d MB (%s); ~%,d bytes per message%n", settings.get(Keys.SEND_CONNECTIONS),
                    seconds, summary.ratePerSecond(), cpu, summary.sentHere() == 0 ? 0 : cpu * 1000 / summary.sentHere(), peakHeapMb,
                    afterFullGc, avgBytes);
            out.printf(Locale.ROOT, "{\"sent\":%d,\"failed\":%d,\"seconds\":%.3f,\"msgsPerSec\":%.1f,\"avgMessageBytes\":%d,"
                            + "\"peakHeapMb\":%d,\"peakHeapAfterFullGcMb\":%s,\"cpuSeconds\":%.2f,\"readers\":%d}%n", summary.sentHere(),
                    summary.counts().failed(), seconds, summary.ratePerSecond(), avgBytes, peakHeapMb,
                    heapPeaks[1] < 0 ? "null" : String.valueOf(heapPeaks[1] / (1024 * 1024)), cpu, readers);
        } finally {
            try {
                if (dbUrl != null) {
                    ScratchSchema.empty(StoreConfig.from(settings));
                }
            } finally {
                deleteTree(dir);
            }
        }
    }

    private static void addReaders(App app, int readers) {
        List<String> tools = SampleEdition.toolSlugs();
        for (int from = 1; from <= readers; from += 10_000) {
            int to = Math.min(readers, from + 9_999);
            List<EmailAddress> batch = new ArrayList<>();
            for (int i = from; i <= to; i++) {
                batch.add(new EmailAddress("reader" + i + "@bench.example"));
            }
            app.subscribers().insertActive(batch);
            List<Map.Entry<Long, String>> bookmarks = new ArrayList<>();
            Map<Long, Preferences> preferences = new HashMap<>();
            for (long id = from; id <= to; id++) {
                for (Bookmark b : ReaderMix.bookmarks(id, tools)) {
                    bookmarks.add(new AbstractMap.SimpleEntry<>(id, b.toolSlug()));
                }
                if (!ReaderMix.preferences(id).equals(Preferences.DEFAULT)) {
                    preferences.put(id, ReaderMix.preferences(id));
                }
            }
            app.subscribers().insertBookmarks(bookmarks);
            app.subscribers().insertPreferences(preferences);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
