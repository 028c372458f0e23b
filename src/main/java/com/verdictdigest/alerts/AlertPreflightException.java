package com.verdictdigest.alerts;

import java.util.List;

/** Preflight found problems in a rendered alert: no alert goes out until the template is fixed. */
public final class AlertPreflightException extends RuntimeException {
    public AlertPreflightException(List<String> problems) {
        super("the alert email fails preflight: " + String.join("; ", problems));
    }
}
