package com.verdictdigest.catalog;

import java.util.Locale;

/** A reviewer's or the panel's call on a tool. */
public enum Verdict {
    SHIP, SKIP;

    /** The lower-case word the site and the database use. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The capitalised word shown to readers ("Ship"). */
    public String label() {
        return this == SHIP ? "Ship" : "Skip";
    }

    public static Verdict of(String word) {
        return switch (word.strip().toLowerCase(Locale.ROOT)) {
            case "ship" -> SHIP;
            case "skip" -> SKIP;
            default -> throw new IllegalArgumentException("'" + word + "' is neither ship nor skip");
        };
    }
}
