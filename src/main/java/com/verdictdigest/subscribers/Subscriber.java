package com.verdictdigest.subscribers;

import java.time.Instant;

/** A reader of the newsletter. {@code email} is normalised (see {@link EmailAddress}). */
public record Subscriber(long id, String email, SubscriberStatus status, Instant createdAt) {
}
