package com.verdictdigest.subscribers;

import java.time.Instant;

/**
 * A reader of the newsletter. {@code email} is normalised (see {@link EmailAddress}).
 *
 * @param reason    why the reader has this status (how they left, why they bounced, "complaint"), or null
 * @param changedAt when the status last changed, or null when it never did since they signed up
 */
public record Subscriber(long id, String email, SubscriberStatus status, Instant createdAt, String reason, Instant changedAt) {
    /** Whether the reader reported a digest as spam: then nothing brings them back. */
    public boolean complained() {
        return "complaint".equals(reason);
    }
}
