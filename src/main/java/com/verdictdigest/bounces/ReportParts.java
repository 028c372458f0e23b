package com.verdictdigest.bounces;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;

/**
 * The parts of a report that say something, found by walking its MIME tree once: the
 * machine-readable reports (RFC 3464 delivery status, RFC 5965 feedback report), the headers of
 * the original message it returns ({@code message/rfc822}, {@code text/rfc822-headers}), and the
 * human-readable text. The walk is bounded in depth, parts and text, whatever the message holds.
 */
record ReportParts(List<byte[]> deliveryStatus, List<byte[]> feedbackReport, List<InternetHeaders> originals, String text) {
    private static final int MAX_DEPTH = 6;
    private static final int MAX_PARTS = 60;
    private static final int MAX_PART_BYTES = 64 * 1024;
    private static final int MAX_TEXT = 32 * 1024;

    static ReportParts of(MimeMessage message) {
        Walk walk = new Walk();
        walk.visit(message, 0);
        String text = walk.plain.length() > 0 ? walk.plain.toString() : walk.html.toString();
        return new ReportParts(walk.deliveryStatus, walk.feedbackReport, walk.originals, text);
    }

    private static final class Walk {
        final List<byte[]> deliveryStatus = new ArrayList<>();
        final List<byte[]> feedbackReport = new ArrayList<>();
        final List<InternetHeaders> originals = new ArrayList<>();
        final StringBuilder plain = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        int parts;

        void visit(Part part, int depth) {
            if (depth > MAX_DEPTH || ++parts > MAX_PARTS) {
                return;
            }
            try {
                if (part.isMimeType("multipart/*")) {
                    // Read as plain MIME, not through a content handler: multipart/report's own handler
                    // refuses a report whose parts are not in the order RFC 6522 gives, and many are not.
                    Multipart multipart = new MimeMultipart(part.getDataHandler().getDataSource());
                    for (int i = 0; i < multipart.getCount(); i++) {
                        visit(multipart.getBodyPart(i), depth + 1);
                    }
                } else if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
                    deliveryStatus.add(bytes(part));
                } else if (part.isMimeType("message/feedback-report")) {
                    feedbackReport.add(bytes(part));
                } else if (part.isMimeType("message/rfc822") || part.isMimeType("message/global")) {
                    // The returned original: its headers name the delivery; its body is our own digest, not the report.
                    try (InputStream in = decoded(part)) {
                        originals.add(new InternetHeaders(in)); // up to the blank line: the body is never read
                    }
                } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/global-headers")) {
                    try (InputStream in = part.getInputStream()) {
                        originals.add(new InternetHeaders(in));
                    }
                } else if (part.isMimeType("text/plain") && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                    append(plain, text(part));
                } else if (part.isMimeType("text/html") && plain.length() == 0) {
                    append(html, htmlText(text(part)));
                }
            } catch (MessagingException | IOException | RuntimeException e) {
                // A broken part says nothing; the others still may.
            }
        }

        private static void append(StringBuilder to, String text) {
            if (to.length() < MAX_TEXT) {
                to.append(text, 0, Math.min(text.length(), MAX_TEXT - to.length())).append('\n');
            }
        }
    }

    /** The decoded bytes of a part, at most {@link #MAX_PART_BYTES}. */
    static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readNBytes(MAX_PART_BYTES);
        }
    }

    /**
     * A returned original, decoded even from base64: RFC 2046 forbids encoding a
     * message/rfc822 part, so Jakarta Mail leaves it encoded, but some servers (Exchange) encode it.
     */
    private static InputStream decoded(Part part) throws MessagingException, IOException {
        if (part instanceof MimeBodyPart mime && mime.getEncoding() != null) {
            return MimeUtility.decode(mime.getRawInputStream(), mime.getEncoding());
        }
        return part.getInputStream();
    }

    /** A text part, decoded by its charset, or read as Latin-1 when the charset is unknown or wrong. */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
            }
        } catch (IOException | RuntimeException e) {
            // an unknown charset: read the bytes below
        }
        return new String(bytes(part), StandardCharsets.ISO_8859_1);
    }

    /** The text of an HTML part, one line per block, as its reader would see it. */
    private static String htmlText(String html) {
        String marked = html.replaceAll("(?i)(<br\\s*/?>|</p>|</div>|</tr>|</li>|</h\\d>|</table>)", "$1\n");
        return Jsoup.parse(marked).wholeText();
    }
}
