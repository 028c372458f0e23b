package com.verdictdigest.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for something another thread or process does, bounded in time. */
public final class Poll {
    private Poll() {
    }

    /** Checks every 50 ms until the condition holds or the time is up; the caller asserts what it needs. */
    public static void until(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
