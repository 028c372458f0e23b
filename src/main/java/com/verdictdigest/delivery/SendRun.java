package com.verdictdigest.delivery;

import com.verdictdigest.editions.PreparedEdition;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the workers of one send run share: the edition, the rate, the count sent, and why they stop. */
final class SendRun {
    private static final Logger log = LoggerFactory.getLogger(SendRun.class);

    final PreparedEdition prepared;
    final String processId;
    final RateLimiter rate;
    private final AtomicBoolean stopRequested;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger consecutiveErrors = new AtomicInteger();
    private final AtomicReference<String> pauseReason = new AtomicReference<>();
    private final AtomicBoolean operatorStopped = new AtomicBoolean();
    private final AtomicReference<String> databaseLost = new AtomicReference<>();

    /** @param stopRequested set by the sender's {@code stop()}: the workers stop between messages */
    SendRun(PreparedEdition prepared, String processId, RateLimiter rate, AtomicBoolean stopRequested) {
        this.prepared = prepared;
        this.processId = processId;
        this.rate = rate;
        this.stopRequested = stopRequested;
    }

    long editionId() {
        return prepared.record().id();
    }

    boolean halted() {
        return stopRequested.get() || pauseReason.get() != null || operatorStopped.get() || databaseLost.get() != null;
    }

    /** The relay took a message. */
    void accepted() {
        sent.incrementAndGet();
        consecutiveErrors.set(0);
    }

    /** A message failed for good; too many in a row pause the edition (the relay or its account is in trouble). */
    void failed(String error, int maxConsecutive) {
        if (consecutiveErrors.incrementAndGet() >= maxConsecutive) {
            pause(maxConsecutive + " failures in a row (send.max-consecutive-errors); last: " + error);
        }
    }

    /** The run must stop and the edition be paused, for this reason (the first one given wins). */
    void pause(String why) {
        pauseReason.compareAndSet(null, why);
    }

    /** The database went away: every worker stops; nothing more can be recorded until it is back. */
    void databaseLost(String why) {
        if (databaseLost.compareAndSet(null, why)) {
            log.warn("Sending stops, the database is unreachable: {}", why);
        }
    }

    /** Why the database was lost, or null. */
    String databaseLost() {
        return databaseLost.get();
    }

    void leaseLost(String why) {
        if (databaseLost.get() == null) { // else said already: the heartbeat failed for the same reason
            log.error("Sending stops: {}", why);
        }
        pause(why);
    }

    /** The operator paused or cancelled the edition: seen by a worker before its next message. */
    void operatorStopped() {
        operatorStopped.set(true);
    }

    int sent() {
        return sent.get();
    }

    String pauseReason() {
        return pauseReason.get();
    }

    boolean wasStoppedByOperator() {
        return operatorStopped.get();
    }

    boolean stopRequested() {
        return stopRequested.get();
    }
}
