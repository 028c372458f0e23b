package com.verdictdigest.bounces;

/**
 * What a report says about one recipient: a report of several recipients holds several.
 *
 * @param recipient   the address the report names, lower-cased, or null when it names none
 * @param bounceClass hard or soft for a bounce, otherwise null
 * @param status      the enhanced status code (RFC 3463), such as {@code 5.1.1}, or null
 * @param diagnostic  the server's words, on one line and short, or null
 */
public record Finding(ReportKind kind, String recipient, BounceClass bounceClass, String status, String diagnostic) {
    public Finding {
        if ((kind == ReportKind.BOUNCE) != (bounceClass != null)) {
            throw new IllegalArgumentException("a bounce, and only a bounce, has a class: " + kind + " " + bounceClass);
        }
    }
}
