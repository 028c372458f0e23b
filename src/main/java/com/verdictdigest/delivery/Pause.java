package com.verdictdigest.delivery;

/** Waiting between tries without losing an interrupt: the caller sees it and stops. */
public final class Pause {
    private Pause() {
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
