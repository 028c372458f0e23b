package com.verdictdigest.events;

import java.time.Instant;

/** One recorded action. {@code edition} and {@code tool} may be null. */
public record Event(long id, String email, String kind, String source, String edition, String tool, Instant at) {
}
