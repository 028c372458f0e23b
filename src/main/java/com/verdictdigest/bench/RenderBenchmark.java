package com.verdictdigest.bench;

import com.verdictdigest.digest.Edition;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.digest.Reader;
import com.verdictdigest.digest.RenderedEdition;
import com.verdictdigest.digest.Selection;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.mail.WireCopy;
import com.verdictdigest.week.IsoWeek;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * How many readers per second one thread personalises for a full edition (12 comparisons), after
 * the edition's one shared render. The readers are {@link ReaderMix}'s: their bookmarks and
 * preferences (choosing their comparisons, the layouts of several selections, skipping those with
 * nothing) are in the figure.
 */
public final class RenderBenchmark {
    private final EditionRenderer renderer;
    private final LinkBuilder links;

    public RenderBenchmark(EditionRenderer renderer, LinkBuilder links) {
        this.renderer = renderer;
        this.links = links;
    }

    public void run(int readers, PrintWriter out) {
        Edition edition = SampleEdition.of(IsoWeek.parse("2026-W48"), 12);
        long sharedStart = System.nanoTime();
        RenderedEdition rendered = renderer.render(edition);
        double sharedMs = (System.nanoTime() - sharedStart) / 1e6;
        List<String> tools = SampleEdition.toolSlugs();

        personalize(rendered, Math.min(readers, 5_000), tools); // warm-up: let the JIT compile the hot path
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long cpuStart = bean.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long[] done = personalize(rendered, readers, tools);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (bean.getCurrentThreadCpuTime() - cpuStart) / 1e9;

        out.printf(Locale.ROOT, "shared render of a 12-comparison edition: %.1f ms%n", sharedMs);
        out.printf(Locale.ROOT, "personalised %,d readers in %.2f s on one thread (%.2f CPU s): %,.0f readers/s, %.1f µs each%n",
                readers, seconds, cpuSeconds, readers / seconds, seconds * 1e6 / readers);
        out.printf(Locale.ROOT, "%,d readers got a copy, %,d were skipped (paused, or nothing they follow)%n",
                done[1], readers - done[1]);
        out.printf(Locale.ROOT, "average quoted-printable HTML + text per copy: %,d bytes%n", done[0] / Math.max(1, done[1]));
        out.printf(Locale.ROOT, "{\"readers\":%d,\"seconds\":%.3f,\"cpuSeconds\":%.3f,\"readersPerSec\":%.0f}%n",
                readers, seconds, cpuSeconds, readers / seconds);
    }

    /** @return the bytes of the copies and how many readers got one */
    private long[] personalize(RenderedEdition rendered, int readers, List<String> tools) {
        long bytes = 0;
        long mailed = 0;
        Instant now = Instant.now();
        for (int i = 1; i <= readers; i++) {
            Reader reader = new Reader(i, "reader" + i + "@example.com", ReaderMix.bookmarks(i, tools), ReaderMix.preferences(i));
            Selection selection = rendered.select(reader, now);
            if (selection.isSkipped()) {
                continue;
            }
            WireCopy copy = rendered.personalizeForWire(reader, selection, links);
            bytes += copy.htmlQuotedPrintable().length + copy.textQuotedPrintable().length;
            mailed++;
        }
        return new long[] {bytes, mailed};
    }
}
