package com.verdictdigest.delivery;

import com.verdictdigest.week.IsoWeek;
import java.time.Duration;
import java.util.Locale;

/**
 * The outcome of one send run of an edition.
 *
 * @param outcome  what happened to the edition
 * @param detail   the outcome as the operator reads it, with its reason ("paused: 25 failures in a row ...")
 * @param counts   the whole edition's ledger at the end (all processes together)
 * @param sentHere messages this process handed to the relay in this run
 * @param duration the whole run, planning and rendering included
 * @param sending  the time the sending workers ran
 */
public record SendSummary(IsoWeek week, Outcome outcome, String detail, DeliveryCounts counts, int sentHere,
                          Duration duration, Duration sending) {

    /** What a send run did with the edition. */
    public enum Outcome {
        /** Every reader has had it. */
        SENT(true),
        /** It had been sent, skipped or cancelled before: nothing sent. */
        ALREADY_FINAL(true),
        /** Nothing to send this week (no comparisons): recorded as skipped. */
        SKIPPED(true),
        /** Nobody to send to: refused, and the week stays open for a later send. */
        NO_READERS(false),
        /** Paused, by the operator or after too many failures; a send resumes it. */
        PAUSED(false),
        /** Cancelled by the operator. */
        CANCELLED(false),
        /** Stopped between messages (Ctrl-C, shutdown); a send resumes it. */
        STOPPED(false),
        /** This process ran out of work while others still send it. */
        OTHERS_SENDING(false);

        private final boolean done;

        Outcome(boolean done) {
            this.done = done;
        }

        /** Whether the edition needs nothing more. */
        public boolean done() {
            return done;
        }
    }

    /** Messages per second while the workers ran (first connection to last reply). */
    public double ratePerSecond() {
        double s = sending.toNanos() / 1e9;
        return s <= 0 ? 0 : sentHere / s;
    }

    public String line() {
        return String.format(Locale.ROOT, "%s %s: %,d sent, %,d skipped, %,d failed, %,d in doubt (sent again); "
                        + "%.1f s, %,.0f messages/s (%d by this process)", week, detail, counts.sent(), counts.skipped(),
                counts.failed(), counts.inDoubt(), duration.toNanos() / 1e9, ratePerSecond(), sentHere);
    }
}
