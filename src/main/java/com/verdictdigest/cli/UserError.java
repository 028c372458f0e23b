package com.verdictdigest.cli;

/** A mistake in what the user asked for (a bad option value), reported as one line. */
final class UserError extends RuntimeException {
    private final int exitCode;

    UserError(String message) {
        this(message, 2);
    }

    UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
