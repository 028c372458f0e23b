package com.verdictdigest.delivery;

/**
 * A message that did not go out, and whose fault it was: the recipient's for good (a 5xx reply:
 * trying again cannot help), the recipient's for now (a 4xx reply), or the connection's (refused,
 * dropped, timed out: nothing is known against the reader).
 */
public final class SendFailure extends Exception {
    /** Why a message did not go out. */
    public enum Kind { PERMANENT, TEMPORARY, CONNECTION }

    private final Kind kind;

    public SendFailure(String message, Kind kind, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean permanent() {
        return kind == Kind.PERMANENT;
    }
}
