package com.verdictdigest.digest;

import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.subscribers.Preferences;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of an edition's comparisons one reader gets (a bit per comparison, in edition order), or
 * why they get no message this week.
 *
 * @param comparisons the chosen comparisons as bits ({@code 1L << index}); 0 when skipped
 * @param skipped     null when the reader gets a copy
 */
public record Selection(long comparisons, SkipReason skipped) {

    static Selection of(Edition edition, Reader reader, Instant now) {
        Preferences p = reader.preferences();
        if (p.pausedAt(now)) {
            return new Selection(0, SkipReason.PAUSED);
        }
        List<Comparison> cs = edition.comparisons();
        if (cs.isEmpty()) {
            // A quiet week's email, when the operator sends those: only to readers who asked for everything.
            return p.bookmarkedOnly() ? new Selection(0, SkipReason.NO_BOOKMARK_NEWS)
                    : p.followsAll() ? new Selection(0, null) : new Selection(0, SkipReason.NOTHING_FOLLOWED);
        }
        Set<String> saved = new HashSet<>();
        for (Bookmark b : reader.bookmarks()) {
            saved.add(b.toolSlug());
        }
        long chosen = 0;
        boolean bookmarkNews = false;
        for (int i = 0; i < cs.size(); i++) {
            Comparison c = cs.get(i);
            if (p.follows(c.left().category()) || p.follows(c.right().category())) {
                chosen |= 1L << i;
                bookmarkNews |= saved.contains(c.left().slug()) || saved.contains(c.right().slug());
            }
        }
        if (chosen == 0) {
            return new Selection(0, SkipReason.NOTHING_FOLLOWED);
        }
        if (p.bookmarkedOnly() && !bookmarkNews) {
            return new Selection(0, SkipReason.NO_BOOKMARK_NEWS);
        }
        return new Selection(chosen, null);
    }

    public boolean isSkipped() {
        return skipped != null;
    }
}
