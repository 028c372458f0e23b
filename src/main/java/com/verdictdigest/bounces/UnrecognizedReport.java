package com.verdictdigest.bounces;

import java.time.Instant;

/**
 * A message that came back and could not be read, kept for the operator.
 *
 * @param message the text kept of it (capped), or null in a list
 */
public record UnrecognizedReport(long id, Instant receivedAt, String origin, String sender, String subject, String message) {
}
