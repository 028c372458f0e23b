package com.verdictdigest.editions;

import com.verdictdigest.mail.OutgoingMessage;

/**
 * What one reader gets of an edition: their message, or the reason they get none this week (they
 * paused, or nothing in it is what they asked for).
 */
public record ReaderCopy(OutgoingMessage message, String skipReason) {

    static ReaderCopy of(OutgoingMessage message) {
        return new ReaderCopy(message, null);
    }

    static ReaderCopy skipped(String reason) {
        return new ReaderCopy(null, reason);
    }

    public boolean isSkipped() {
        return skipReason != null;
    }
}
