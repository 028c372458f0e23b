package com.verdictdigest.bench;

import com.verdictdigest.app.App;
import com.verdictdigest.bounces.ReportFiles;
import com.verdictdigest.bounces.ReportOrigin;
import com.verdictdigest.bounces.ReportProcessor;
import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import com.verdictdigest.links.LinkSecret;
import com.verdictdigest.mail.MailConfig;
import com.verdictdigest.mail.MessageIds;
import com.verdictdigest.mail.VerpAddress;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.week.IsoWeek;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a maildir of N reports of eight kinds (DSNs hard, soft and delayed, qmail's, Exchange's,
 * a complaint, an auto-reply, a reader's answer), each about one of N readers of a throwaway
 * database, then reads it as {@code bounces read --dry-run} does, on one thread, and prints the
 * figures (README, Performance).
 */
public final class BounceBenchmark {
    private static final IsoWeek WEEK = IsoWeek.parse("2026-W48");

    private BounceBenchmark() {
    }

    /** @param keep where to leave the maildir, or null for a throwaway one */
    public static void run(Settings base, int reports, Path keep, PrintWriter out) throws IOException {
        Path dir = Files.createTempDirectory("verdicts-bench");
        Settings settings = base.with(Keys.DATA_DIR, dir.toString()).with(Keys.DB_URL, "jdbc:h2:file:" + dir.resolve("bench"))
                .with(Keys.MAIL_RETURN_PATH, "bounces@verdicts.example").with(Keys.MAIL_RETURN_PATH_VERP, "true")
                .with(Keys.LINKS_SECRET, "bench-secret-bench-secret-bench-secret");
        try (App app = new App(settings, Clock.systemUTC())) {
            Path maildir = keep != null ? keep : dir.resolve("Maildir");
            long setup = System.nanoTime();
            writeMaildir(app, settings, reports, maildir);
            out.printf(Locale.ROOT, "wrote %,d reports about %,d readers to %s in %.1f s%n", reports, reports, maildir,
                    (System.nanoTime() - setup) / 1e9);

            ReportProcessor processor = app.reportProcessor();
            AtomicInteger read = new AtomicInteger();
            AtomicInteger findings = new AtomicInteger();
            HeapSampler heap = new HeapSampler();
            long cpuStart = HeapSampler.processCpuNanos();
            long start = System.nanoTime();
            ReportFiles.each(maildir, m -> {
                findings.addAndGet(processor.process(m.bytes(), ReportOrigin.FILE, true).outcomes().size());
                read.incrementAndGet();
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (HeapSampler.processCpuNanos() - cpuStart) / 1e9;
            long peakHeapMb = heap.stop()[0] / (1024 * 1024);
            out.printf(Locale.ROOT, "read %,d reports (%,d findings) in %.2f s: %,.0f reports/s; %.2f CPU s; peak heap %d MB%n",
                    read.get(), findings.get(), seconds, read.get() / seconds, cpu, peakHeapMb);
            out.printf(Locale.ROOT, "{\"reports\":%d,\"seconds\":%.3f,\"reportsPerSec\":%.1f,\"cpuSeconds\":%.2f,\"peakHeapMb\":%d}%n",
                    read.get(), seconds, read.get() / seconds, cpu, peakHeapMb);
        } finally {
            SendBenchmark.deleteTree(dir);
        }
    }

    private static void writeMaildir(App app, Settings settings, int reports, Path maildir) throws IOException {
        for (String sub : List.of("new", "cur", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        List<EmailAddress> readers = new ArrayList<>();
        for (int i = 1; i <= reports; i++) {
            readers.add(new EmailAddress("reader" + i + "@bench.example"));
        }
        app.subscribers().insertActive(readers);
        MailConfig mail = MailConfig.from(settings, LinkSecret.resolve(settings.get(Keys.LINKS_SECRET), settings.get(Keys.DATA_DIR)));
        VerpAddress verp = mail.verp();
        MessageIds ids = mail.messageIds();
        for (int i = 1; i <= reports; i++) {
            String email = "reader" + i + "@bench.example";
            byte[] report = SampleReports.of(i, email, verp.of(WEEK, i), ids.digest(WEEK, i));
            Files.write(maildir.resolve("new").resolve(String.format(Locale.ROOT, "%08d.bench:2,", i)), report);
        }
    }
}
