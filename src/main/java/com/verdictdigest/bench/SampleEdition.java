package com.verdictdigest.bench;

import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.catalog.ComparisonPageParser;
import com.verdictdigest.catalog.PageRejectedException;
import com.verdictdigest.catalog.ToolFigures;
import com.verdictdigest.digest.Edition;
import com.verdictdigest.week.IsoWeek;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** A full edition for benchmarks: the bundled sample site's comparisons, repeated to the count asked for. */
public final class SampleEdition {
    private SampleEdition() {
    }

    public static Edition of(IsoWeek week, int comparisons) {
        List<Comparison> sample = sampleComparisons();
        List<Comparison> chosen = new ArrayList<>();
        Map<String, Long> toolIds = new HashMap<>();
        for (int i = 0; i < comparisons; i++) {
            Comparison c = sample.get(i % sample.size());
            chosen.add(new Comparison(c.slug() + "-" + i, c.canonicalUrl(), c.title(), c.standfirst(),
                    week.start(java.time.ZoneOffset.UTC).plusSeconds(3600L * i), c.modified(), c.left(), c.right()));
            for (ToolFigures t : List.of(c.left(), c.right())) {
                toolIds.putIfAbsent(t.slug(), (long) toolIds.size() + 1);
            }
        }
        return new Edition(week, chosen, 0, toolIds);
    }

    /** Every tool slug of the sample site, for readers' bookmarks. */
    public static List<String> toolSlugs() {
        return sampleComparisons().stream().flatMap(c -> java.util.stream.Stream.of(c.left(), c.right()))
                .map(ToolFigures::slug).distinct().toList();
    }

    private static List<Comparison> sampleComparisons() {
        URL index = SampleEdition.class.getResource("/sample-site/compare/index.html");
        List<Comparison> result = new ArrayList<>();
        try {
            for (Element a : read(index).select("li.comparison-link a[href]")) {
                result.add(ComparisonPageParser.parse(read(new URL(index, a.attr("href")))));
            }
        } catch (IOException | PageRejectedException e) {
            throw new IllegalStateException("the bundled sample site is broken: " + e.getMessage(), e);
        }
        return result;
    }

    private static Document read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return Jsoup.parse(in, "UTF-8", url.toString());
        }
    }
}
