package com.verdictdigest.mail;

import com.verdictdigest.templates.QuotedPrintable;
import com.verdictdigest.week.IsoWeek;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Writes a digest as the exact bytes of an RFC 5322 message: multipart/alternative, text then HTML
 * (RFC 2046 section 5.1.4: the last part is the preferred one), UTF-8, quoted-printable bodies.
 *
 * <p>Headers that are the same for every reader are encoded once. Values from pages or readers
 * never reach a header raw: the subject is an RFC 2047 encoded word (which cannot hold CR or LF),
 * the recipient is a validated address, links are our own base64url tokens, and every header line
 * is checked for line breaks before it is written.
 */
public final class MessageComposer {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final MailConfig config;
    private final Clock clock;
    private final String fromHeader;
    private final String replyToHeader;
    private final String listIdHeader;
    private final String envelopeFrom;
    private final MessageIds messageIds;
    /** Per-reader envelope senders, or null for {@link #envelopeFrom} on every message. */
    private final VerpAddress verp;
    private final String boundary;
    private final byte[] closing;
    /** The List-Unsubscribe mailto after the https address, or empty (mail.unsubscribe-mailto). */
    private final String unsubscribeMailto;
    /** The boundary and headers that open the text part and the HTML part: made once, copied per message. */
    private final byte[] textPart;
    private final byte[] htmlPart;
    private final DkimSigning dkim;

    public MessageComposer(MailConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        InternetAddress from = address(config.from());
        this.envelopeFrom = config.envelopeFrom();
        this.verp = config.verp();
        this.messageIds = config.messageIds();
        this.fromHeader = header("From", encodeAddress(from));
        this.replyToHeader = config.replyTo().isEmpty() ? "" : header("Reply-To", encodeAddress(address(config.replyTo())));
        this.listIdHeader = header("List-Id", "\"Weekly AI Tool Verdicts\" <" + config.listId() + ">"); // RFC 2919
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        // "=_" cannot occur in quoted-printable text ("=" is always followed by hex or a line break),
        // so the boundary can never collide with a body (RFC 2046 section 5.1.1).
        this.boundary = "=_vd_" + HexFormat.of().formatHex(nonce);
        this.closing = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        this.unsubscribeMailto = config.unsubscribeMailto().isEmpty() ? ""
                : ", <mailto:" + address(config.unsubscribeMailto()).getAddress() + "?subject=unsubscribe>";
        this.textPart = partHeader("text/plain; charset=UTF-8");
        this.htmlPart = partHeader("text/html; charset=UTF-8");
        this.dkim = config.dkim() == null ? null : new DkimSigning(config.dkim());
    }

    /** The Message-IDs of this sender's mail. */
    public MessageIds messageIds() {
        return messageIds;
    }

    /** The parts of a message that are the same for every reader of an edition, encoded once. */
    public Shared shared(IsoWeek week, String subject) {
        return shared(week, subject, "digest");
    }

    /**
     * The same list headers for another kind of list mail ({@code "alert"}): its kind is the mail
     * type of its Feedback-ID, so a mailbox provider counts complaints apart from the digest's.
     */
    public Shared shared(IsoWeek week, String subject, String mailType) {
        StringBuilder h = new StringBuilder(512);
        h.append(fromHeader).append(replyToHeader);
        h.append(header("Subject", encodeText(subject)));
        h.append(listIdHeader);
        // RFC 8058: with List-Unsubscribe-Post, mailbox providers may POST to the https address in one click.
        h.append(header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        // Gmail's Feedback-ID: campaign:customer:mail type:sender.
        h.append(header("Feedback-ID", week + ":readers:" + mailType + ":verdictdigest"));
        h.append(header("Auto-Submitted", "auto-generated")); // RFC 3834
        if (config.precedenceBulk()) {
            h.append(header("Precedence", "bulk"));
        }
        h.append(header("MIME-Version", "1.0"));
        h.append(header("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\""));
        return new Shared(week, h.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** One reader's message of an edition; with VERP, its envelope sender names the edition and the reader. */
    public OutgoingMessage compose(Shared shared, long readerId, String messageId, String recipient, WireCopy email) {
        StringBuilder h = new StringBuilder(512);
        h.append(header("Date", DATE.format(clock.instant().atZone(ZoneOffset.UTC))));
        h.append(header("To", address(recipient).getAddress()));
        h.append(header("Message-ID", "<" + messageId + ">"));
        h.append(header("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">" + unsubscribeMailto));

        // Text is encoded in its canonical form, lines ending in CRLF (RFC 2045 section 6.8).
        byte[] headers = h.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] text = email.textQuotedPrintable();
        byte[] html = email.htmlQuotedPrintable();
        // Sized exactly, so the message is written once and handed over without another copy.
        QuotedPrintable.Sink out = new QuotedPrintable.Sink(headers.length + shared.headers.length + CRLF.length
                + textPart.length + text.length + htmlPart.length + html.length + 2 * CRLF.length + closing.length);
        out.append(headers);
        out.append(shared.headers);
        out.append(CRLF);
        part(out, textPart, text);
        part(out, htmlPart, html);
        out.append(closing);
        String sender = verp == null ? envelopeFrom : verp.of(shared.week, readerId);
        OutgoingMessage message = new OutgoingMessage(sender, recipient, messageId, out.toByteArray());
        return dkim == null ? message : dkim.sign(message);
    }

    /**
     * A one-off message to one address (a subscription confirmation): no list headers, since it is
     * not list mail; {@code text} and {@code html} with CRLF line ends.
     */
    public OutgoingMessage transactional(String recipient, String subject, String text, String html) {
        return oneOff(envelopeFrom, messageIds.oneOff("confirm"), recipient, subject, "", text, html);
    }

    /**
     * A one-off message to one reader that is list mail (the welcome): List-Id (RFC 2919) and
     * List-Unsubscribe with the reader's own link (RFC 2369), which mailbox providers may POST to in
     * one click (RFC 8058); a fresh Message-ID; and, with {@code mail.return-path-verp}, the reader's
     * own return path (of this week), so that a bounce or a complaint about it finds the reader as
     * one about a digest does. {@code text} and {@code html} with CRLF line ends.
     */
    public OutgoingMessage listMessage(long readerId, String kind, String recipient, String subject, String text, String html,
                                       String unsubscribeUrl) {
        String list = listIdHeader + header("List-Unsubscribe", "<" + unsubscribeUrl + ">" + unsubscribeMailto)
                + header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String sender = verp == null ? envelopeFrom : verp.of(IsoWeek.of(clock.instant(), ZoneOffset.UTC), readerId);
        return oneOff(sender, messageIds.oneOff(kind), recipient, subject, list, text, html);
    }

    /** {@code listHeaders}: the list's header lines, or empty for a message that is not list mail. */
    private OutgoingMessage oneOff(String sender, String messageId, String recipient, String subject, String listHeaders,
                                   String text, String html) {
        StringBuilder h = new StringBuilder(512);
        h.append(header("Date", DATE.format(clock.instant().atZone(ZoneOffset.UTC))));
        h.append(fromHeader).append(replyToHeader);
        h.append(header("To", address(recipient).getAddress()));
        h.append(header("Subject", encodeText(subject)));
        h.append(header("Message-ID", "<" + messageId + ">"));
        h.append(listHeaders);
        h.append(header("Auto-Submitted", "auto-generated"));
        h.append(header("MIME-Version", "1.0"));
        h.append(header("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\""));
        QuotedPrintable.Sink out = new QuotedPrintable.Sink(4096);
        out.append(h.toString().getBytes(StandardCharsets.US_ASCII));
        out.append(CRLF);
        part(out, textPart, QuotedPrintable.encode(text));
        part(out, htmlPart, QuotedPrintable.encode(html));
        out.append(closing);
        OutgoingMessage message = new OutgoingMessage(sender, recipient, messageId, out.toByteArray());
        return dkim == null ? message : dkim.sign(message);
    }

    private byte[] partHeader(String contentType) {
        return ("--" + boundary + "\r\nContent-Type: " + contentType
                + "\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void part(QuotedPrintable.Sink out, byte[] partHeader, byte[] quotedPrintable) {
        out.append(partHeader);
        out.append(quotedPrintable);
        out.append(CRLF); // belongs to the boundary delimiter that follows (RFC 2046 section 5.1.1)
    }

    /** Encoded once per edition: the headers every reader's copy shares. */
    public static final class Shared {
        private final IsoWeek week;
        private final byte[] headers;

        private Shared(IsoWeek week, byte[] headers) {
            this.week = week;
            this.headers = headers;
        }
    }

    /** One folded header line; a value holding a line break is a bug or an attack, never written. */
    static String header(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException(name + " header value contains a line break");
            }
        }
        return name + ": " + MimeUtility.fold(name.length() + 2, value) + "\r\n";
    }

    private static String encodeText(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        try {
            return MimeUtility.encodeText(clean, "UTF-8", "Q");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encodeAddress(InternetAddress address) {
        return address.toString(); // InternetAddress quotes and RFC 2047-encodes the personal name itself
    }

    private static InternetAddress address(String text) {
        try {
            InternetAddress a = new InternetAddress(text, true);
            if (a.getPersonal() != null) {
                a.setPersonal(a.getPersonal(), "UTF-8");
            }
            return a;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalArgumentException("not a valid mail address: " + text, e);
        }
    }
}
