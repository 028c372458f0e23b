package com.verdictdigest.alerts;

/**
 * What one pass of the alerts did.
 *
 * @param sent     alerts the relay accepted
 * @param failed   alerts the relay refused, or whose sending broke off: not sent again
 * @param deferred alerts not started because the relay could not be reached: tried at the next pass
 * @param inDoubt  alerts left sending by a process that died, found (and never sent again) by this pass
 */
public record AlertRun(int sent, int failed, int deferred, int inDoubt) {
    public String summary() {
        return sent + " sent, " + failed + " failed, " + deferred + " deferred to the next pass"
                + (inDoubt > 0 ? ", " + inDoubt + " in doubt after a crash (not sent again)" : "");
    }
}
