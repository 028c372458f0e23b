package com.verdictdigest.bench;

import com.verdictdigest.digest.DigestEmail;
import com.verdictdigest.digest.Edition;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.digest.Reader;
import com.verdictdigest.digest.RenderedEdition;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.week.IsoWeek;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many readers per second one thread personalises for a full edition (12 comparisons), after
 * the edition's one shared render. A third of the readers have bookmarks, so the per-reader
 * template and reordering are in the figure.
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
        long bytes = personalize(rendered, readers, tools);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (bean.getCurrentThreadCpuTime() - cpuStart) / 1e9;

        out.printf(Locale.ROOT, "shared render of a 12-comparison edition: %.1f ms%n", sharedMs);
        out.printf(Locale.ROOT, "personalised %,d readers in %.2f s on one thread (%.2f CPU s): %,.0f readers/s, %.1f µs each%n",
                readers, seconds, cpuSeconds, readers / seconds, seconds * 1e6 / readers);
        out.printf(Locale.ROOT, "average HTML + text per reader: %,d bytes%n", bytes / readers);
        out.printf(Locale.ROOT, "{\"readers\":%d,\"seconds\":%.3f,\"cpuSeconds\":%.3f,\"readersPerSec\":%.0f}%n",
                readers, seconds, cpuSeconds, readers / seconds);
    }

    private long personalize(RenderedEdition rendered, int readers, List<String> tools) {
        long bytes = 0;
        for (int i = 1; i <= readers; i++) {
            List<Bookmark> bookmarks = new ArrayList<>();
            if (i % 3 == 0) {
                bookmarks.add(new Bookmark(tools.get(i % tools.size()), "Tool " + i % tools.size()));
                bookmarks.add(new Bookmark(tools.get((i + 5) % tools.size()), "Tool " + (i + 5) % tools.size()));
            }
            DigestEmail email = rendered.personalize(new Reader(i, "reader" + i + "@example.com", bookmarks), links);
            bytes += email.html().length() + email.text().length();
        }
        return bytes;
    }
}
