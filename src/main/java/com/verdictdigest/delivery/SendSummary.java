package com.verdictdigest.delivery;

import com.verdictdigest.digest.IsoWeek;
import java.time.Duration;
import java.util.Locale;

/**
 * The outcome of one send run of an edition.
 *
 * @param outcome  what happened to the edition: sent, paused (with the reason), already sent, ...
 * @param counts   the whole edition's ledger at the end (all processes together)
 * @param sentHere messages this process handed to the relay in this run
 * @param duration the whole run, planning and rendering included
 * @param sending  the time the sending workers ran
 */
public record SendSummary(IsoWeek week, String outcome, DeliveryCounts counts, int sentHere, Duration duration,
                          Duration sending) {

    /** Messages per second while the workers ran (first connection to last reply). */
    public double ratePerSecond() {
        double s = sending.toNanos() / 1e9;
        return s <= 0 ? 0 : sentHere / s;
    }

    public String line() {
        return String.format(Locale.ROOT, "%s %s: %,d sent, %,d skipped, %,d failed, %,d in doubt (sent again); "
                        + "%.1f s, %,.0f messages/s (%d by this process)", week, outcome, counts.sent(), counts.skipped(),
                counts.failed(), counts.inDoubt(), duration.toNanos() / 1e9, ratePerSecond(), sentHere);
    }
}
