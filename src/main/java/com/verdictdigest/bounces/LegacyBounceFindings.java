package com.verdictdigest.bounces;

import jakarta.mail.internet.InternetHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The findings of a bounce written for people, in a server's own format (qmail, older Sendmail
 * and Exim, Exchange, Domino, Gmail, Yahoo and the rest): the failed addresses are those the text
 * names before the returned original, less the servers' own; each one's reason is the text from it
 * to the next one, read with the {@link BounceReasons} table.
 */
final class LegacyBounceFindings {
    /**
     * Where the returned original starts: nothing below says why it failed. The leading run is
     * possessive and the gap bounded, so a long line of dashes or quote marks costs one pass.
     */
    private static final Pattern ORIGINAL_STARTS = Pattern.compile("(?im)^[ \\t>-]*+(?:.{0,200}?(?:(?:this is|here is|below this line is"
            + "|following is|attached is) a copy of (?:the|your) (?:original )?message|original message (?:follows|headers|header follows)"
            + "|unsent message follows|message headers? follows?)|original message ?-+|(?:weitergeleitete|urspr.ngliche) nachricht"
            + "|received: |return-path: |content-type: message/rfc822)");
    /** Lines that carry an address that is not a recipient: header lines quoted in the text. */
    private static final Pattern NOT_A_RECIPIENT_LINE = Pattern.compile("(?i)^\\s*(from|message-id|in-reply-to|references|sender|reply-to"
            + "|reporting-mta|remote-mta|received-from-mta|x-[a-z0-9-]+|dkim-signature|list-[a-z]+)\\s*:");
    private static final Pattern DAEMON = Pattern.compile("(?i)^(mailer-?daemon|postmaster|mail-?delivery|bounces?|abuse|noreply|no-reply|root|nobody)([+-][^@]{0,64})?@");
    private static final int MAX_RECIPIENTS = 50;
    private static final Pattern REASON_WORD = Pattern.compile(
            "(?i)\\b(unknown|not exist|no such|full|quota|expired|blocked|rejected|denied|invalid|failed|disabled|spam|timed? ?out)\\b");

    private LegacyBounceFindings() {
    }

    /**
     * @param report      the report's text before the returned original ({@link #beforeOriginal})
     * @param notRecipients the addresses that sent the report or the original, or received the report: never a failed recipient
     * @param ownDomains  our own domains: no address there is a failed recipient
     * @param failed      the X-Failed-Recipients header (Exim), or null
     * @return empty when the text names no recipient and gives no reason
     */
    static List<Finding> of(String report, Set<String> notRecipients, Set<String> ownDomains, String failed, List<InternetHeaders> originals,
                            BounceReasons reasons) {
        Map<String, Integer> positions = recipients(report, notRecipients, ownDomains);
        if (failed != null) {
            Matcher m = Addresses.pattern().matcher(failed);
            while (m.find()) {
                positions.putIfAbsent(m.group().toLowerCase(Locale.ROOT), -1);
            }
        }
        if (positions.isEmpty() && !originals.isEmpty()) {
            String to = Addresses.first(originals.get(0).getHeader("To", ","));
            if (to != null && !ownDomains.contains(Addresses.domainOf(to))) {
                positions.put(to, -1);
            }
        }
        if (positions.isEmpty()) {
            BounceReasons.Verdict whole = reasons.classify(null, report);
            return whole.reason() == null ? List.of()
                    : List.of(new Finding(ReportKind.BOUNCE, null, whole.bounceClass(), whole.status(), diagnostic(report, whole)));
        }
        BounceReasons.Verdict whole = null; // read only when a recipient's own lines say nothing: the table is the costly part
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(positions.entrySet());
        entries.sort(Map.Entry.comparingByValue());
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < entries.size() && findings.size() < MAX_RECIPIENTS; i++) {
            int from = entries.get(i).getValue();
            int to = i + 1 < entries.size() ? entries.get(i + 1).getValue() : report.length();
            String span = from >= 0 && to > from ? report.substring(from, to) : "";
            BounceReasons.Verdict v = reasons.classify(null, span);
            if (v.reason() == null && v.status() == null) {
                whole = whole == null ? reasons.classify(null, report) : whole;
                v = whole;
                span = report;
            }
            findings.add(new Finding(ReportKind.BOUNCE, entries.get(i).getKey(), v.bounceClass(), v.status(), diagnostic(span, v)));
        }
        return findings;
    }

    static String beforeOriginal(String text) {
        Matcher m = ORIGINAL_STARTS.matcher(text);
        return m.find() ? text.substring(0, m.start()) : text;
    }

    /** Each address the text names that may be a recipient, with where it is first named. */
    private static Map<String, Integer> recipients(String report, Set<String> notRecipients, Set<String> ownDomains) {
        Map<String, Integer> found = new LinkedHashMap<>();
        int lineStart = 0;
        for (String line : report.split("\n", -1)) {
            if (!NOT_A_RECIPIENT_LINE.matcher(line).find()) {
                Matcher m = Addresses.pattern().matcher(line);
                while (m.find()) {
                    String a = Addresses.normal(m.group());
                    if (!notRecipients.contains(a) && !DAEMON.matcher(a).find() && !ownDomains.contains(Addresses.domainOf(a))
                            && found.size() < MAX_RECIPIENTS) {
                        found.putIfAbsent(a, lineStart + m.start());
                    }
                }
            }
            lineStart += line.length() + 1;
        }
        return found;
    }

    /** The line that gave the reason or the status, folded, or the start of the text. */
    private static String diagnostic(String text, BounceReasons.Verdict v) {
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && ((v.status() != null && l.contains(v.status())) || (v.reason() != null && lineHasReason(l)))) {
                return DeliveryStatusFindings.shortened(l);
            }
        }
        return DeliveryStatusFindings.shortened(text);
    }

    private static boolean lineHasReason(String line) {
        return REASON_WORD.matcher(line).find();
    }
}
