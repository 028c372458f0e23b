package com.verdictdigest.subscribers;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a reader asked to get: the catalog categories they follow (empty: all of them, the
 * default), whether only weeks with news about their bookmarked tools, a pause, and bookmark alerts.
 *
 * @param pausedUntil no digest before this moment, or null
 */
public record Preferences(Set<String> categories, boolean bookmarkedOnly, Instant pausedUntil, boolean alerts) {
    /** Every category, every week, no alerts: a reader who never chose. */
    public static final Preferences DEFAULT = new Preferences(Set.of(), false, null, false);
    /** The longest pause the manage page offers, in weeks. */
    public static final int MAX_PAUSE_WEEKS = 8;

    public Preferences {
        categories = Set.copyOf(new TreeSet<>(categories));
    }

    public boolean followsAll() {
        return categories.isEmpty();
    }

    public boolean follows(String category) {
        return categories.isEmpty() || categories.contains(category);
    }

    public boolean pausedAt(Instant now) {
        return pausedUntil != null && now.isBefore(pausedUntil);
    }

    /** How long the stored list of categories may be (the column's size). */
    public static final int MAX_STORED_CATEGORIES = 4000;

    /** The categories as stored: sorted, one per line, or null for all. */
    String storedCategories() {
        return categories.isEmpty() ? null : String.join("\n", new TreeSet<>(categories));
    }

    static Set<String> parseStored(String stored) {
        return stored == null || stored.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(stored.split("\n")));
    }
}
