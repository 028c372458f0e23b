package com.verdictdigest.bounces;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one message that came back to the return path and says what it is, and for whom. In
 * order: a feedback report (RFC 5965) is a complaint; a delivery status notification (RFC 3464)
 * has one finding per recipient; a mail server's message in its own words is read by
 * {@link LegacyBounceFindings}; an automatic answer (RFC 3834) is an auto-reply, whatever its text
 * says; anything else is unrecognized. Never throws for what a message holds; reads at most
 * {@link #MAX_BYTES} of it.
 */
public final class ReportParser {
    /** Enough for any report and the start of the original it returns; the rest is not read. */
    public static final int MAX_BYTES = 512 * 1024;
    private static final Pattern DELAYED = Pattern.compile("(?i)has not yet been delivered|not been delivered yet|delivery (to .{0,80} )?(has been |is )?delayed"
            + "|will (continue to )?(try|retry|attempt)|still (trying|being retried)|no action is required|this is (only )?a warning|warning: message .{0,80} delayed");
    private static final Session SESSION = session();

    static {
        // Jakarta Mail looks its stream provider up for every header block and body part it reads; by
        // the service loader that is a scan of the class path each time, a fifth of the time a report
        // takes. Named here, the lookup is one class load. The provider is the one the loader finds.
        String provider = "jakarta.mail.util.StreamProvider";
        if (System.getProperty(provider) == null) {
            System.setProperty(provider, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final BounceReasons reasons;
    private final Set<String> ownDomains;
    private final Pattern returnPath;
    private final Pattern messageId;

    /**
     * @param returnPath    our return path ({@code bounces@verdicts.example}): its per-reader forms are looked for
     * @param messageDomain the right-hand side of our Message-IDs
     * @param ownDomains    our own domains: no address there is a failed recipient
     */
    public ReportParser(BounceReasons reasons, String returnPath, String messageDomain, Set<String> ownDomains) {
        this.reasons = reasons;
        this.ownDomains = Set.copyOf(ownDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
        int at = returnPath.lastIndexOf('@');
        // Matched on lower-cased text, case-sensitively: a pattern that starts with a literal is found
        // by a fast substring search, where a case-insensitive one tries every position of the report.
        String path = returnPath.toLowerCase(Locale.ROOT);
        this.returnPath = Pattern.compile(Pattern.quote(path.substring(0, at)) + "\\+[0-9a-f]{30}@" + Pattern.quote(path.substring(at + 1)));
        this.messageId = Pattern.compile("digest-\\d{4}-w\\d{2}-\\d{1,18}-[0-9a-f]{16}@" + Pattern.quote(messageDomain.toLowerCase(Locale.ROOT)));
    }

    public ParsedReport parse(byte[] message) {
        String fingerprint = fingerprint(message);
        byte[] bytes = message.length > MAX_BYTES ? java.util.Arrays.copyOf(message, MAX_BYTES) : message;
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        Set<String> returnPaths = new LinkedHashSet<>();
        Set<String> messageIds = new LinkedHashSet<>();
        scan(raw, returnPaths, messageIds);
        String from = null;
        String subject = null;
        List<Finding> findings;
        try {
            MimeMessage m = new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
            from = from(m);
            subject = subject(m);
            ReportParts parts = ReportParts.of(m);
            for (InternetHeaders original : parts.originals()) {
                for (String name : List.of("Message-ID", "Return-Path", "References", "In-Reply-To")) {
                    String v = original.getHeader(name, " ");
                    if (v != null) {
                        scan(v, returnPaths, messageIds);
                    }
                }
            }
            scan(parts.text(), returnPaths, messageIds);
            findings = findings(m, from, subject, parts);
        } catch (MessagingException | RuntimeException e) {
            findings = List.of();
        }
        if (findings.isEmpty()) {
            findings = List.of(new Finding(ReportKind.UNRECOGNIZED, null, null, null, null));
        }
        return new ParsedReport(fingerprint, from, subject, findings, new ArrayList<>(returnPaths), new ArrayList<>(messageIds));
    }

    private List<Finding> findings(MimeMessage m, String from, String subject, ReportParts parts) throws MessagingException {
        if (!parts.feedbackReport().isEmpty()) {
            return List.of(FeedbackFindings.of(parts.feedbackReport().get(0), parts.originals()));
        }
        String report = LegacyBounceFindings.beforeOriginal(parts.text()); // the server's own words, read once
        List<Finding> findings = new ArrayList<>();
        for (byte[] dsn : parts.deliveryStatus()) {
            try {
                findings.addAll(DeliveryStatusFindings.of(dsn, BounceReasons.fold(report), reasons));
            } catch (MessagingException | java.io.IOException | RuntimeException e) {
                // unreadable fields: the text below may still say it
            }
        }
        if (!findings.isEmpty()) {
            return findings;
        }
        if (HeaderSigns.fromMailServer(from, subject, m)) {
            findings = LegacyBounceFindings.of(report, notRecipients(m, from, parts), ownDomains, HeaderSigns.header(m, "X-Failed-Recipients"),
                    parts.originals(), reasons);
            if (DELAYED.matcher(report).find()) {
                return findings.stream().map(f -> new Finding(ReportKind.DELIVERY_REPORT, f.recipient(), null, f.status(), f.diagnostic()))
                        .toList();
            }
            return findings; // a mail server's message is never an auto-reply: what it does not say is unrecognized
        }
        if (HeaderSigns.autoReply(m, subject)) {
            return List.of(new Finding(ReportKind.AUTO_REPLY, from, null, null, DeliveryStatusFindings.shortened(subject)));
        }
        return List.of();
    }

    /**
     * The report's own sender and addressees, and the original's sender: the text of a bounce
     * quotes them, but the report goes back to the sender, so none of them is the one that failed.
     */
    private static Set<String> notRecipients(MimeMessage m, String from, ReportParts parts) throws MessagingException {
        Set<String> addresses = new LinkedHashSet<>();
        if (from != null) {
            addresses.add(from);
        }
        for (String name : List.of("To", "Cc")) {
            addAll(addresses, HeaderSigns.header(m, name));
        }
        for (InternetHeaders original : parts.originals()) {
            for (String name : List.of("From", "Sender", "Return-Path")) {
                addAll(addresses, original.getHeader(name, ","));
            }
        }
        return addresses;
    }

    private static void addAll(Set<String> to, String header) {
        if (header != null) {
            Matcher a = Addresses.pattern().matcher(header.length() > 2_000 ? header.substring(0, 2_000) : header);
            while (a.find() && to.size() < 20) {
                to.add(a.group().toLowerCase(Locale.ROOT));
            }
        }
    }

    private void scan(String text, Set<String> returnPaths, Set<String> messageIds) {
        String lower = text.toLowerCase(Locale.ROOT);
        Matcher r = returnPath.matcher(lower);
        while (r.find() && returnPaths.size() < 10) {
            returnPaths.add(r.group());
        }
        Matcher id = messageId.matcher(lower);
        while (id.find() && messageIds.size() < 10) {
            messageIds.add(id.group().replace("-w", "-W")); // as we wrote it: the week's "W" is upper case
        }
    }

    /** The From address; a From that does not parse as RFC 5322 ({@code <b>Postmaster</b> <pm@...>}) gives its first address. */
    private static String from(MimeMessage m) {
        String[] from;
        try {
            from = m.getHeader("From");
        } catch (MessagingException e) {
            return null;
        }
        if (from == null) {
            return null;
        }
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(from[0], false);
            if (parsed.length > 0 && parsed[0].getAddress() != null && parsed[0].getAddress().contains("@")) {
                return parsed[0].getAddress().toLowerCase(Locale.ROOT);
            }
        } catch (MessagingException | RuntimeException e) {
            // read below
        }
        return Addresses.first(from[0]);
    }

    private static String subject(MimeMessage m) {
        try {
            String s = m.getSubject();
            return s == null ? null : BounceReasons.fold(s.length() > 1_000 ? s.substring(0, 1_000) : s);
        } catch (MessagingException | RuntimeException e) {
            return null;
        }
    }

    private static String fingerprint(byte[] message) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(message));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static Session session() {
        Properties p = new Properties();
        // Reports come from every kind of server: read what they wrote rather than refuse it.
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.ignoreunknownencoding", "true");
        return Session.getInstance(p);
    }
}
