package com.verdictdigest.bounces;

/** What a message that came back to the return path is. Its word is the stable name in output and storage. */
public enum ReportKind {
    /** The message could not be delivered (RFC 3464 "failed", or a server's own words for it). */
    BOUNCE("bounce"),
    /** The reader reported the message as spam (an RFC 5965 feedback report). */
    COMPLAINT("complaint"),
    /** A vacation or out-of-office answer (RFC 3834): never a bounce. */
    AUTO_REPLY("auto-reply"),
    /** A "delayed", "delivered", "relayed" or "expanded" notice: nothing failed (yet). */
    DELIVERY_REPORT("delivery-report"),
    /** Nothing we can read: kept and listed for the operator. */
    UNRECOGNIZED("unrecognized");

    private final String word;

    ReportKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
