package com.verdictdigest.events;

import java.util.Locale;

/** What a reader did. */
public enum EventKind {
    SUBSCRIBE, CONFIRM, UNSUBSCRIBE, RESUBSCRIBE, BOOKMARK, UNBOOKMARK;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
