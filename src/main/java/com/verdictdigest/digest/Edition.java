package com.verdictdigest.digest;

import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.week.IsoWeek;
import java.util.List;
import java.util.Map;

/**
 * The content of one weekly email: the comparisons published in its week, newest first.
 *
 * @param comparisons   at most {@code digest.max-comparisons} of them
 * @param moreCount     how many more the week had, linked as "and N more on the site"
 * @param toolIds       each featured tool's numeric id, which bookmark and vote links carry
 * @param readerTallies the readers' ship-or-skip tally of each tool that has enough votes to show
 *                      ("Readers: 62% ship, 214 votes"), by tool slug
 */
public record Edition(IsoWeek week, List<Comparison> comparisons, int moreCount, Map<String, Long> toolIds,
                      Map<String, String> readerTallies) {
    /** Selections are bit sets of comparisons. */
    static final int MAX_COMPARISONS = Long.SIZE;

    public Edition {
        comparisons = List.copyOf(comparisons);
        toolIds = Map.copyOf(toolIds);
        readerTallies = Map.copyOf(readerTallies);
        if (comparisons.size() > MAX_COMPARISONS) {
            throw new IllegalArgumentException("an edition holds at most " + MAX_COMPARISONS + " comparisons");
        }
    }

    public Edition(IsoWeek week, List<Comparison> comparisons, int moreCount, Map<String, Long> toolIds) {
        this(week, comparisons, moreCount, toolIds, Map.of());
    }

    /** The same edition with these tally lines of the readers' votes. */
    public Edition withReaderTallies(Map<String, String> tallies) {
        return new Edition(week, comparisons, moreCount, toolIds, tallies);
    }

    public boolean isEmpty() {
        return comparisons.isEmpty();
    }

    /**
     * Bookmarks of a made-up reader for previews and checks: a tool of the last comparison, so that
     * comparison moves up and is marked, as it would for a real reader.
     */
    public List<Bookmark> sampleBookmarks() {
        if (comparisons.isEmpty()) {
            return List.of();
        }
        Comparison last = comparisons.get(comparisons.size() - 1);
        return List.of(new Bookmark(last.right().slug(), last.right().name()));
    }

    /** All comparisons of the week, including those past the cap. */
    public int totalComparisons() {
        return comparisons.size() + moreCount;
    }

    /** Every comparison: the selection of a reader who follows everything. */
    long allComparisons() {
        return comparisons.size() == Long.SIZE ? -1L : (1L << comparisons.size()) - 1;
    }
}
