package com.verdictdigest.votes;

import java.util.Locale;
import java.util.Optional;

/** A reader's verdict on a tool, as the panel gives one: ship it or skip it. */
public enum Choice {
    SHIP, SKIP;

    /** The word in links ({@code ?v=ship}), forms and the database. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code ship} or {@code skip} exactly; anything else is no choice. */
    public static Optional<Choice> parse(String word) {
        for (Choice c : values()) {
            if (c.word().equals(word)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
