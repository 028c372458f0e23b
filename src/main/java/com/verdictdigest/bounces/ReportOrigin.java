package com.verdictdigest.bounces;

import java.util.Locale;

/** How a report reached us: polled from the mailbox, piped in by the mail server, or read from files. */
public enum ReportOrigin {
    MAILBOX, PIPE, FILE;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
