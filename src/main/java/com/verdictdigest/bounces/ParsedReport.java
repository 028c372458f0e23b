package com.verdictdigest.bounces;

import java.util.List;

/**
 * A message read from the return path's mailbox, before it is tied to anyone.
 *
 * @param fingerprint   SHA-256 of the message as read: the same message read twice is recognised
 * @param from          its From address, or null
 * @param subject       its subject, or null
 * @param findings      one per recipient it names; at least one (an unrecognized message has one, without recipient)
 * @param returnPaths   addresses found in it that may be one of our per-reader envelope senders
 * @param messageIds    Message-IDs found in it that may be of one of our digests
 */
public record ParsedReport(String fingerprint, String from, String subject, List<Finding> findings,
                           List<String> returnPaths, List<String> messageIds) {
    public ParsedReport {
        findings = List.copyOf(findings);
        returnPaths = List.copyOf(returnPaths);
        messageIds = List.copyOf(messageIds);
    }

    /** The kind of the whole message: that of its first finding (a report is of one kind). */
    public ReportKind kind() {
        return findings.get(0).kind();
    }
}
