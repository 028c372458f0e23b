package com.verdictdigest.testing;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;

/** Reports as mail servers and mailbox providers write them, built for tests. */
public final class Reports {
    private Reports() {
    }

    /** One recipient block of a delivery status notification (RFC 3464 section 2.3). */
    public record Recipient(String address, String action, String status, String diagnostic) {
        public static Recipient failed(String address, String status, String diagnostic) {
            return new Recipient(address, "failed", status, diagnostic);
        }
    }

    /**
     * A Postfix-style delivery status notification to {@code to} (the return path the original
     * carried), returning {@code original}: its headers only ({@code text/rfc822-headers}) when
     * {@code headersOnly}, else the whole message; none when null.
     */
    public static byte[] dsn(String to, List<Recipient> recipients, String original, boolean headersOnly) {
        StringBuilder m = new StringBuilder();
        m.append("Return-Path: <>\r\n")
                .append("Delivered-To: ").append(to).append("\r\n")
                .append("From: MAILER-DAEMON@relay.example.net (Mail Delivery System)\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Subject: Undelivered Mail Returned to Sender\r\n")
                .append("Auto-Submitted: auto-replied\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=delivery-status; boundary=\"R1\"\r\n\r\n")
                .append("--R1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n")
                .append("This is the mail system at host relay.example.net.\r\n\r\n")
                .append("I'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients.\r\n\r\n");
        for (Recipient r : recipients) {
            m.append("<").append(r.address()).append(">: host mx.example.com said: ").append(r.diagnostic()).append("\r\n\r\n");
        }
        m.append("--R1\r\nContent-Type: message/delivery-status\r\n\r\n")
                .append("Reporting-MTA: dns; relay.example.net\r\nArrival-Date: Mon, 23 Nov 2026 09:00:01 +0000\r\n");
        for (Recipient r : recipients) {
            m.append("\r\nFinal-Recipient: rfc822; ").append(r.address()).append("\r\n")
                    .append("Original-Recipient: rfc822;").append(r.address()).append("\r\n")
                    .append("Action: ").append(r.action()).append("\r\n")
                    .append("Status: ").append(r.status()).append("\r\n")
                    .append("Remote-MTA: dns; mx.example.com\r\n")
                    .append("Diagnostic-Code: smtp; ").append(r.diagnostic()).append("\r\n");
        }
        if (original != null) {
            m.append("\r\n--R1\r\nContent-Type: ").append(headersOnly ? "text/rfc822-headers" : "message/rfc822").append("\r\n\r\n")
                    .append(original);
        }
        m.append("\r\n--R1--\r\n");
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An RFC 5965 feedback report (abuse) to {@code to}, returning {@code original}; the reader's address only when not null. */
    public static byte[] complaint(String to, String original, String originalRcptTo) {
        String m = "From: Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.example.com>\r\n"
                + "To: " + to + "\r\n"
                + "Subject: FW: Weekly AI Tool Verdicts\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"F1\"\r\n\r\n"
                + "--F1\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report for an email message received from IP 192.0.2.1.\r\n\r\n"
                + "--F1\r\nContent-Type: message/feedback-report\r\n\r\n"
                + "Feedback-Type: abuse\r\nUser-Agent: Yahoo!-Mail-Feedback/2.0\r\nVersion: 1\r\n"
                + "Original-Mail-From: <" + to + ">\r\n"
                + (originalRcptTo == null ? "" : "Original-Rcpt-To: <" + originalRcptTo + ">\r\n")
                + "Arrival-Date: Mon, 23 Nov 2026 09:00:05 +0000\r\n\r\n"
                + "--F1\r\nContent-Type: message/rfc822\r\n\r\n" + original + "\r\n--F1--\r\n";
        return m.getBytes(StandardCharsets.UTF_8);
    }

    /** A vacation answer (RFC 3834) from {@code from} whose text speaks of failures. */
    public static byte[] autoReply(String from, String to) {
        String m = "From: " + from + "\r\nTo: " + to + "\r\nSubject: Out of Office: Weekly AI Tool Verdicts\r\n"
                + "Auto-Submitted: auto-replied\r\nContent-Type: text/plain\r\n\r\n"
                + "I am away until December. Mail delivery failed? No: this is an automatic reply; 550 5.1.1 user unknown.\r\n";
        return m.getBytes(StandardCharsets.UTF_8);
    }

    /** The header lines of a message as received, as a report quotes them. */
    public static String headersOf(MimeMessage received) throws MessagingException {
        StringBuilder h = new StringBuilder();
        Enumeration<String> lines = received.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            h.append(lines.nextElement()).append("\r\n");
        }
        return h.toString();
    }
}
