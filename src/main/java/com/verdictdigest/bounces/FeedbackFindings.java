package com.verdictdigest.bounces;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Locale;

/**
 * The finding of an RFC 5965 feedback report: a reader reported our message as spam. Mailbox
 * providers often redact the recipient; then the report is tied to the reader by the returned
 * original (its envelope sender, its Message-ID), and the finding names nobody.
 */
final class FeedbackFindings {
    private FeedbackFindings() {
    }

    static Finding of(byte[] part, List<InternetHeaders> originals) throws MessagingException {
        InternetHeaders fields = new InternetHeaders(new ByteArrayInputStream(part));
        String type = fields.getHeader("Feedback-Type", ",");
        String recipient = Addresses.first(fields.getHeader("Original-Rcpt-To", ","));
        if (recipient == null) {
            recipient = Addresses.first(fields.getHeader("Removal-Recipient", ","));
        }
        if (recipient == null && !originals.isEmpty()) {
            recipient = Addresses.first(originals.get(0).getHeader("To", ","));
        }
        if (recipient != null && isRedacted(recipient)) {
            recipient = null;
        }
        String kind = type == null ? "abuse" : type.strip().toLowerCase(Locale.ROOT);
        if (kind.equals("not-spam") || kind.equals("auth-failure")) {
            // Not a reader's complaint: a mailbox's "not spam", or an authentication failure report (RFC 6591).
            return new Finding(ReportKind.UNRECOGNIZED, null, null, null, "feedback report of type " + kind);
        }
        String agent = fields.getHeader("User-Agent", ",");
        return new Finding(ReportKind.COMPLAINT, recipient, null, null,
                DeliveryStatusFindings.shortened("feedback type " + kind + (agent == null ? "" : " from " + agent)));
    }

    /** Providers replace the reader's address by a placeholder (RFC 6590). */
    private static boolean isRedacted(String address) {
        String local = address.substring(0, address.indexOf('@'));
        return address.contains("redacted") || local.matches("[x*]+") || local.isEmpty();
    }
}
