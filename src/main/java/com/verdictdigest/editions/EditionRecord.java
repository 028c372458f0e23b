package com.verdictdigest.editions;

import com.verdictdigest.week.IsoWeek;
import java.time.Instant;

/** An edition as the database knows it. {@code audience} is null until sending fixed it. */
public record EditionRecord(long id, IsoWeek week, EditionStatus status, String subject, int comparisons,
                            int moreCount, Integer audience, String statusReason, Instant createdAt,
                            Instant startedAt, Instant finishedAt) {

    /** The status as the operator reads it, with its reason ("paused: paused by the operator"). */
    public String statusLine() {
        return status.word() + (statusReason == null ? "" : ": " + statusReason);
    }
}
