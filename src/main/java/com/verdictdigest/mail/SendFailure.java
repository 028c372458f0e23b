package com.verdictdigest.mail;

/**
 * A message that did not go out, and why: the recipient refused for good (a 5xx reply to RCPT: a
 * hard bounce), the message refused for good (a 5xx to MAIL or DATA: size, policy; trying again
 * cannot help, but it says nothing about the reader), a 4xx reply (try later), or the connection
 * (refused, dropped, timed out: nothing is known against the reader).
 */
public final class SendFailure extends Exception {
    /** Why a message did not go out. */
    public enum Kind { RECIPIENT_REJECTED, PERMANENT, TEMPORARY, CONNECTION }

    private final Kind kind;

    public SendFailure(String message, Kind kind, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public boolean permanent() {
        return kind == Kind.PERMANENT || kind == Kind.RECIPIENT_REJECTED;
    }
}
