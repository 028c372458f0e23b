package com.verdictdigest.links;

/**
 * What a signed link lets its holder do. The purpose is inside the signature, so an unsubscribe
 * link cannot be replayed as a bookmark link, and so on. Codes are part of every link ever sent:
 * never reuse or renumber one.
 */
public enum Purpose {
    MANAGE(1, "m"),
    UNSUBSCRIBE(2, "u"),
    BOOKMARK(3, "b"),
    VIEW(4, "v"),
    CONFIRM(5, "c"),
    /** Ship or skip on one tool: the page asks, its button casts the vote. */
    VOTE(6, "s");

    final int code;
    private final String path;

    Purpose(int code, String path) {
        this.code = code;
        this.path = path;
    }

    /** Whether its links name a tool (a bookmark, a vote): their tokens carry the tool's id. */
    public boolean namesTool() {
        return this == BOOKMARK || this == VOTE;
    }

    /** The first path segment of this purpose's links ({@code /u/TOKEN}). */
    public String path() {
        return path;
    }

    static Purpose ofCode(int code) {
        for (Purpose p : values()) {
            if (p.code == code) {
                return p;
            }
        }
        return null;
    }
}
