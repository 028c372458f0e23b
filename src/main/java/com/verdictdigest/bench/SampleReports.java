package com.verdictdigest.bench;

import java.nio.charset.StandardCharsets;

/**
 * Reports of the kinds that come back after a send, for the bounce benchmark: each as its server
 * writes it, about one reader's copy (named by its signed return path and its Message-ID).
 */
final class SampleReports {
    private static final String FILLER = "Verdict: ship. Four reviewers scored it 81, 77, 90 and 68 out of 100.\n".repeat(80);

    private SampleReports() {
    }

    /** The {@code n}th report of the mix, about the reader with this address and return path. */
    static byte[] of(int n, String email, String returnPath, String messageId) {
        String original = "Return-Path: <" + returnPath + ">\nFrom: Weekly AI Tool Verdicts <digest@verdicts.example>\nTo: " + email
                + "\nSubject: Weekly AI Tool Verdicts: 2026-W48\nMessage-ID: <" + messageId + ">\nMIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=utf-8\n\n" + FILLER;
        String report = switch (n % 8) {
            case 0 -> dsn(returnPath, email, "failed", "5.1.1", "550 5.1.1 <" + email + ">: Recipient address rejected: User unknown",
                    "text/rfc822-headers", original.substring(0, original.indexOf("\n\n") + 1));
            case 1 -> dsn(returnPath, email, "failed", "4.2.2", "452 4.2.2 Mailbox full", "message/rfc822", original);
            case 2 -> dsn(returnPath, email, "delayed", "4.4.1", "connect to mx.example.com: Connection timed out", "text/rfc822-headers",
                    original.substring(0, original.indexOf("\n\n") + 1));
            case 3 -> "From: MAILER-DAEMON@mx.example.net\nTo: " + returnPath + "\nSubject: failure notice\n\n"
                    + "Hi. This is the qmail-send program at mx.example.net.\nI'm afraid I wasn't able to deliver your message to the "
                    + "following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n<" + email
                    + ">:\nSorry, no mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the message.\n\n" + original;
            case 4 -> "From: Microsoft Outlook <postmaster@outlook.example.com>\nTo: " + returnPath
                    + "\nSubject: Undeliverable: Weekly AI Tool Verdicts\nMIME-Version: 1.0\n"
                    + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b4\"\n\n--b4\nContent-Type: text/html\n\n"
                    + "<html><body><p>Your message to " + email + " couldn't be delivered.</p><p>550 5.1.10 RESOLVER.ADR.RecipientNotFound; "
                    + "Recipient not found by SMTP address lookup</p></body></html>\n--b4\nContent-Type: message/delivery-status\n\n"
                    + "Reporting-MTA: dns;outlook.example.com\n\nFinal-Recipient: rfc822;" + email + "\nAction: failed\nStatus: 5.1.10\n"
                    + "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound\n\n--b4\nContent-Type: message/rfc822\n\n"
                    + original + "\n--b4--\n";
            case 5 -> "From: feedback@arf.mail.example.com\nTo: " + returnPath + "\nSubject: FW: Weekly AI Tool Verdicts\nMIME-Version: 1.0\n"
                    + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b5\"\n\n--b5\nContent-Type: text/plain\n\n"
                    + "This is an email abuse report.\n\n--b5\nContent-Type: message/feedback-report\n\nFeedback-Type: abuse\n"
                    + "User-Agent: Example-FBL/1.0\nVersion: 1\nOriginal-Mail-From: <" + returnPath + ">\n\n"
                    + "--b5\nContent-Type: message/rfc822\n\n" + original + "\n--b5--\n";
            case 6 -> "From: " + email + "\nTo: " + returnPath + "\nSubject: Automatic reply: Weekly AI Tool Verdicts\n"
                    + "Auto-Submitted: auto-replied\nX-Auto-Response-Suppress: All\n\nI am out of the office until Monday.\n";
            default -> "From: " + email + "\nTo: " + returnPath + "\nSubject: Re: Weekly AI Tool Verdicts\n\nThanks, great issue!\n\n> "
                    + FILLER.substring(0, 400);
        };
        return report.getBytes(StandardCharsets.UTF_8);
    }

    private static String dsn(String to, String email, String action, String status, String diagnostic, String originalType,
                              String original) {
        return "From: MAILER-DAEMON@relay.example.net (Mail Delivery System)\nTo: " + to
                + "\nSubject: Undelivered Mail Returned to Sender\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n--b1\nContent-Type: text/plain\n\n"
                + "This is the mail system at host relay.example.net.\n\n<" + email + ">: host mx.example.com said: " + diagnostic
                + "\n\n--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; relay.example.net\n\nFinal-Recipient: rfc822; "
                + email + "\nAction: " + action + "\nStatus: " + status + "\nDiagnostic-Code: smtp; " + diagnostic + "\n\n--b1\n"
                + "Content-Type: " + originalType + "\n\n" + original + "\n--b1--\n";
    }
}
