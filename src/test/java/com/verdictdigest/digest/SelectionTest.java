package com.verdictdigest.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.subscribers.Preferences;
import com.verdictdigest.week.IsoWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectionTest {
    private static final Edition QUIET = new Edition(IsoWeek.parse("2026-W49"), List.of(), 0, Map.of());
    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    private static Selection of(Preferences p) {
        return Selection.of(QUIET, new Reader(1, "ada@example.com", List.of(new Bookmark("cursor-3", "Cursor 3")), p), NOW);
    }

    @Test
    void aQuietWeekSentAnywayGoesOnlyToReadersWhoAskedForEverything() {
        assertThat(of(Preferences.DEFAULT).isSkipped()).isFalse();
        assertThat(of(new Preferences(Set.of("Design"), false, null, false)).skipped()).isEqualTo(SkipReason.NOTHING_FOLLOWED);
        assertThat(of(new Preferences(Set.of(), true, null, false)).skipped()).isEqualTo(SkipReason.NO_BOOKMARK_NEWS);
        assertThat(of(new Preferences(Set.of(), false, NOW.plusSeconds(1), false)).skipped()).isEqualTo(SkipReason.PAUSED);
        assertThat(of(new Preferences(Set.of(), false, NOW, false)).isSkipped()).as("a pause ends at its moment").isFalse();
    }
}
