package com.verdictdigest.bounces;

import java.time.Instant;

/** A message that came back and could not be read, kept for the operator (its text is capped). */
public record UnrecognizedReport(long id, Instant receivedAt, String origin, String sender, String subject, String message) {
}
