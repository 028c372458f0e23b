package com.verdictdigest.events;

import java.util.Locale;

/**
 * What a reader did (subscribed, bookmarked, chose their preferences, voted ship or skip, had
 * their data erased), or what happened to their subscription (a bounce, hard or soft; a complaint).
 */
public enum EventKind {
    SUBSCRIBE, CONFIRM, UNSUBSCRIBE, RESUBSCRIBE, BOOKMARK, UNBOOKMARK, BOUNCE, SOFT_BOUNCE, COMPLAINT, PREFERENCES,
    VOTE, ERASE;

    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
