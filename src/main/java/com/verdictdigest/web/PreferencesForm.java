package com.verdictdigest.web;

import com.verdictdigest.subscribers.Preferences;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The manage page's "What you get" form, read into preferences. A value the page never offers (an
 * unknown category, a pause past {@link Preferences#MAX_PAUSE_WEEKS}) is refused with the reason,
 * and nothing stored changes.
 */
final class PreferencesForm {
    private PreferencesForm() {
    }

    /** What the form said: the preferences to store, or why they cannot be. */
    record Read(Preferences preferences, String problem) {
    }

    static Read read(Map<String, List<String>> form, List<String> knownCategories, Preferences current, Instant now) {
        boolean some = "some".equals(first(form, "follow"));
        Set<String> categories = new HashSet<>(form.getOrDefault("category", List.of()));
        for (String c : categories) {
            if (!knownCategories.contains(c)) {
                return new Read(null, "There is no category called \"" + c + "\".");
            }
        }
        if (some && categories.isEmpty()) {
            return new Read(null, "Choose at least one category, or follow them all.");
        }
        if (some && String.join("\n", categories).length() > Preferences.MAX_STORED_CATEGORIES) {
            return new Read(null, "That is more categories than we can keep for one reader: follow them all instead.");
        }
        Instant pausedUntil;
        String pause = first(form, "pause");
        if (pause == null || pause.equals("keep")) {
            pausedUntil = current.pausedAt(now) ? current.pausedUntil() : null;
        } else if (pause.equals("none")) {
            pausedUntil = null;
        } else if (pause.matches("[1-9]") && Integer.parseInt(pause) <= Preferences.MAX_PAUSE_WEEKS) {
            pausedUntil = now.plus(Duration.ofDays(7L * Integer.parseInt(pause)));
        } else {
            return new Read(null, "A pause lasts 1 to " + Preferences.MAX_PAUSE_WEEKS + " weeks.");
        }
        return new Read(new Preferences(some ? categories : Set.of(), "on".equals(first(form, "bookmarked-only")),
                pausedUntil, "on".equals(first(form, "alerts"))), null);
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
