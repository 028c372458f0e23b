package com.verdictdigest.catalog;

/** What an import changed for one tool: a comparison that includes it appeared, or its panel verdict changed. */
public enum ChangeKind {
    NEW_COMPARISON("new-comparison"),
    VERDICT_CHANGED("verdict-changed");

    private final String word;

    ChangeKind(String word) {
        this.word = word;
    }

    /** The word the database keeps. */
    public String word() {
        return word;
    }

    public static ChangeKind of(String word) {
        for (ChangeKind k : values()) {
            if (k.word.equals(word)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown change kind '" + word + "'");
    }
}
