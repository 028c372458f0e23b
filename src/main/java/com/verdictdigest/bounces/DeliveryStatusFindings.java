package com.verdictdigest.bounces;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.angus.mail.dsn.DeliveryStatus;

/**
 * The findings of an RFC 3464 delivery status notification: one per recipient block, read with
 * Angus Mail's {@link DeliveryStatus}. The Action field (section 2.3.3) decides the kind: "failed"
 * is a bounce, "delayed", "delivered", "relayed" and "expanded" are notices; without one, the
 * status code's class does.
 */
final class DeliveryStatusFindings {
    /** The most of a Diagnostic-Code read: a reason is said in its first lines. */
    private static final int MAX_WORDS = 2_000;
    /** A report names a few recipients; a hostile one may name thousands, each a lookup. */
    private static final int MAX_RECIPIENTS = 50;

    private DeliveryStatusFindings() {
    }

    /**
     * @param said the report's human-readable text, read for the reason when a recipient's block
     *             gives no Diagnostic-Code (Gmail's reports say it only there)
     */
    static List<Finding> of(byte[] part, String said, BounceReasons reasons) throws MessagingException, IOException {
        DeliveryStatus dsn = new DeliveryStatus(new ByteArrayInputStream(part));
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < dsn.getRecipientDSNCount() && findings.size() < MAX_RECIPIENTS; i++) {
            InternetHeaders r = dsn.getRecipientDSN(i);
            String recipient = Addresses.first(r.getHeader("Final-Recipient", ","));
            if (recipient == null) {
                recipient = Addresses.first(r.getHeader("Original-Recipient", ","));
            }
            String action = value(r, "Action");
            String status = BounceReasons.enhancedCode(value(r, "Status"));
            String diagnostic = value(r, "Diagnostic-Code");
            if (recipient == null && action.isEmpty() && status == null) {
                continue; // an empty block (a stray blank line), not a recipient
            }
            String words = BounceReasons.fold(diagnostic.replaceFirst("(?i)^\\s*(smtp|x-[a-z0-9-]+)\\s*;", ""));
            words = cut(words);
            if (isNotice(action, status)) {
                findings.add(new Finding(ReportKind.DELIVERY_REPORT, recipient, null, status, shortened(words)));
            } else {
                BounceReasons.Verdict v = reasons.classify(status, words.isEmpty() ? cut(said) : words);
                findings.add(new Finding(ReportKind.BOUNCE, recipient, v.bounceClass(), v.status(), shortened(words)));
            }
        }
        return findings;
    }

    /** A server's words, not a book: the first {@link #MAX_WORDS} characters. */
    private static String cut(String words) {
        return words.length() > MAX_WORDS ? words.substring(0, MAX_WORDS) : words;
    }

    private static boolean isNotice(String action, String status) {
        String a = action.toLowerCase(Locale.ROOT);
        if (a.startsWith("failed")) {
            return false;
        }
        if (a.startsWith("delayed") || a.startsWith("delivered") || a.startsWith("relayed") || a.startsWith("expanded")) {
            return true;
        }
        return status != null && status.charAt(0) == '2';
    }

    private static String value(InternetHeaders h, String name) {
        String v = h.getHeader(name, " ");
        return v == null ? "" : BounceReasons.fold(v);
    }

    static String shortened(String words) {
        if (words == null || words.isBlank()) {
            return null;
        }
        String w = BounceReasons.fold(words);
        return w.length() > 300 ? w.substring(0, 300) : w;
    }
}
