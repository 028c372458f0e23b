package com.verdictdigest.events;

import java.util.Locale;

/** What a reader did, or what happened to their subscription (a bounce). */
public enum EventKind {
    SUBSCRIBE, CONFIRM, UNSUBSCRIBE, RESUBSCRIBE, BOOKMARK, UNBOOKMARK, BOUNCE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
