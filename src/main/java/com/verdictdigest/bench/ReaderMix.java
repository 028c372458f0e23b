package com.verdictdigest.bench;

import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.subscribers.Preferences;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The made-up readers of the benchmarks: a third bookmarked two tools, and half chose something on
 * their manage page (one or two categories, only weeks with bookmark news, a pause), so the figures
 * include choosing each reader's comparisons and rendering several layouts.
 */
final class ReaderMix {
    private static final Preferences DEVELOPER = new Preferences(Set.of("Developer Tools"), false, null, false);
    private static final Preferences PRODUCTIVITY = new Preferences(Set.of("Productivity"), false, null, false);
    private static final Preferences READING = new Preferences(Set.of("Productivity", "Research"), false, null, false);
    private static final Preferences BOOKMARKS_ONLY = new Preferences(Set.of(), true, null, true);
    private static final Preferences DESIGN = new Preferences(Set.of("Design"), false, null, false);
    private static final Preferences PAUSED = new Preferences(Set.of(), false, Instant.now().plus(Duration.ofDays(28)), false);

    private ReaderMix() {
    }

    /** Reader {@code i}'s bookmarks: two tools for every third reader. */
    static List<Bookmark> bookmarks(long i, List<String> tools) {
        if (i % 3 != 0) {
            return List.of();
        }
        String a = tools.get((int) (i % tools.size()));
        String b = tools.get((int) ((i + 5) % tools.size()));
        return List.of(new Bookmark(a, a), new Bookmark(b, b));
    }

    /** Reader {@code i}'s preferences: the defaults for half of them. */
    static Preferences preferences(long i) {
        return switch ((int) (i % 10)) {
            case 5 -> DEVELOPER;
            case 6 -> PRODUCTIVITY;
            case 7 -> READING;
            case 8 -> BOOKMARKS_ONLY;
            case 9 -> i % 20 == 9 ? PAUSED : DESIGN;
            default -> Preferences.DEFAULT;
        };
    }
}
