package com.verdictdigest.delivery;

import java.util.Locale;

/** Where an edition is in its life: planned, sending, paused, sent, skipped (nothing to send) or cancelled. */
public enum EditionStatus {
    PLANNED, SENDING, PAUSED, SENT, SKIPPED, CANCELLED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EditionStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    /** A finished edition is never sent again. */
    public boolean isFinal() {
        return this == SENT || this == SKIPPED || this == CANCELLED;
    }
}
