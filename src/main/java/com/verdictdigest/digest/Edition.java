package com.verdictdigest.digest;

import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.week.IsoWeek;
import java.util.List;
import java.util.Map;

/**
 * The content of one weekly email: the comparisons published in its week, newest first.
 *
 * @param comparisons at most {@code digest.max-comparisons} of them
 * @param moreCount   how many more the week had, linked as "and N more on the site"
 * @param toolIds     each featured tool's numeric id, which bookmark links carry
 */
public record Edition(IsoWeek week, List<Comparison> comparisons, int moreCount, Map<String, Long> toolIds) {

    public Edition {
        comparisons = List.copyOf(comparisons);
        toolIds = Map.copyOf(toolIds);
    }

    public boolean isEmpty() {
        return comparisons.isEmpty();
    }

    /**
     * Bookmarks of a made-up reader for previews and checks: a tool of the last comparison, so that
     * comparison moves up and is marked, as it would for a real reader.
     */
    public List<com.verdictdigest.subscribers.Bookmark> sampleBookmarks() {
        if (comparisons.isEmpty()) {
            return List.of();
        }
        Comparison last = comparisons.get(comparisons.size() - 1);
        return List.of(new com.verdictdigest.subscribers.Bookmark(last.right().slug(), last.right().name()));
    }

    /** All comparisons of the week, including those past the cap. */
    public int totalComparisons() {
        return comparisons.size() + moreCount;
    }
}
