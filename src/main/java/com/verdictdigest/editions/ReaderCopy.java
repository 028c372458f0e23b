package com.verdictdigest.editions;

import com.verdictdigest.mail.OutgoingMessage;
import java.util.function.Supplier;

/**
 * What one reader gets of an edition: the reason they get nothing this week (they paused, or
 * nothing in it is what they asked for), or their message, composed only when it is asked for
 * (a sender asks once the send is recorded as started).
 */
public final class ReaderCopy {
    private final String skipReason;
    private final Supplier<OutgoingMessage> message;

    ReaderCopy(String skipReason, Supplier<OutgoingMessage> message) {
        this.skipReason = skipReason;
        this.message = message;
    }

    public boolean isSkipped() {
        return skipReason != null;
    }

    /** The ledger's word for why they get nothing ({@code paused}, {@code nothing-followed}, ...), or null. */
    public String skipReason() {
        return skipReason;
    }

    /** The reader's message; never for a reader who is skipped. */
    public OutgoingMessage message() {
        if (isSkipped()) {
            throw new IllegalStateException("a skipped reader gets no message: " + skipReason);
        }
        return message.get();
    }
}
