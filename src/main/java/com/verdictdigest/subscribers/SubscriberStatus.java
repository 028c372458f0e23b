package com.verdictdigest.subscribers;

import java.util.Locale;

/** Where a reader stands: only {@link #ACTIVE} readers are mailed a digest. */
public enum SubscriberStatus {
    PENDING, ACTIVE, UNSUBSCRIBED, BOUNCED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriberStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
