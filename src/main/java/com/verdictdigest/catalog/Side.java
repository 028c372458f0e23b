package com.verdictdigest.catalog;

import java.util.Locale;

/** Which column of the comparison a tool stands in. */
public enum Side {
    LEFT, RIGHT;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Side of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
