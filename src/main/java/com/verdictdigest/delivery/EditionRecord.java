package com.verdictdigest.delivery;

import com.verdictdigest.digest.IsoWeek;
import java.time.Instant;

/** An edition as the ledger knows it. {@code audience} is null until sending fixed it. */
public record EditionRecord(long id, IsoWeek week, EditionStatus status, String subject, int comparisons,
                            int moreCount, Integer audience, String statusReason, Instant createdAt,
                            Instant startedAt, Instant finishedAt) {
}
