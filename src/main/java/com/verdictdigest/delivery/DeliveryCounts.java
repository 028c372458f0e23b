package com.verdictdigest.delivery;

/** How an edition's delivery records stand. {@code inDoubt}: sends that were started, lost and retried. */
public record DeliveryCounts(int pending, int inFlight, int sent, int failed, int skipped, int inDoubt) {

    public int total() {
        return pending + inFlight + sent + failed + skipped;
    }

    public int done() {
        return sent + failed + skipped;
    }
}
