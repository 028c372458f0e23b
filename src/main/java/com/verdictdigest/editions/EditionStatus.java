package com.verdictdigest.editions;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where an edition is in its life, and where it may go from there ({@link #next()}):
 * <pre>
 * planned  ─▶ sending, paused, skipped, cancelled
 * sending  ─▶ paused, sent, cancelled
 * paused   ─▶ sending, sent (the pause came after the last message), cancelled
 * </pre>
 * Sent, skipped and cancelled are final: such an edition is never sent again.
 */
public enum EditionStatus {
    PLANNED, SENDING, PAUSED, SENT, SKIPPED, CANCELLED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EditionStatus of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    /** The statuses an edition in this one may move to. */
    public Set<EditionStatus> next() {
        return switch (this) {
            case PLANNED -> EnumSet.of(SENDING, PAUSED, SKIPPED, CANCELLED);
            case SENDING -> EnumSet.of(PAUSED, SENT, CANCELLED);
            case PAUSED -> EnumSet.of(SENDING, SENT, CANCELLED);
            case SENT, SKIPPED, CANCELLED -> EnumSet.noneOf(EditionStatus.class);
        };
    }

    public boolean canBecome(EditionStatus status) {
        return next().contains(status);
    }

    /** A finished edition is never sent again. */
    public boolean isFinal() {
        return next().isEmpty();
    }
}
