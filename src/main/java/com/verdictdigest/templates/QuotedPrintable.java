package com.verdictdigest.templates;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Quoted-printable (RFC 2045 section 6.7) for text whose lines end in CRLF, encoded segment by
 * segment: every segment ends on a hard line break or a soft one ({@code =} CRLF), so segments
 * encoded apart (the shared parts once per edition, a reader's links per message) concatenate into
 * one valid body. Mostly-ASCII HTML grows by a few per cent, against a third for base64.
 */
public final class QuotedPrintable {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** RFC 2045: encoded lines of at most 76 characters, the soft break's "=" included. */
    private static final int MAX = 75;

    private QuotedPrintable() {
    }

    public static byte[] encode(String segment) {
        Sink out = new Sink(segment.length() + 64);
        encode(segment, out);
        return out.toByteArray();
    }

    public static void encode(String segment, Sink out) {
        byte[] in = segment.getBytes(StandardCharsets.UTF_8);
        int col = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xFF;
            if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                out.append((byte) '\r').append((byte) '\n');
                col = 0;
                i++;
                continue;
            }
            // Whitespace right before a line break must be encoded, or transport may strip it.
            boolean beforeLineEnd = i + 2 < in.length && in[i + 1] == '\r' && in[i + 2] == '\n';
            boolean literal = b >= 33 && b <= 126 && b != '=' || (b == ' ' || b == '\t') && !beforeLineEnd;
            int width = literal ? 1 : 3;
            if (col + width > MAX) {
                out.append((byte) '=').append((byte) '\r').append((byte) '\n');
                col = 0;
            }
            if (literal && b == '.' && col == 0) {
                // No encoded line starts with a period, so SMTP sends the body as it is, with no
                // dot-stuffing pass over it (RFC 5321 section 4.5.2).
                literal = false;
                width = 3;
            }
            if (literal) {
                out.append((byte) b);
            } else {
                out.append((byte) '=').append(HEX[b >> 4]).append(HEX[b & 0x0F]);
            }
            col += width;
        }
        if (col > 0) {
            out.append((byte) '=').append((byte) '\r').append((byte) '\n');
        }
    }

    /** A growable byte array without ByteArrayOutputStream's locking, for building a message. */
    public static final class Sink {
        private byte[] bytes;
        private int size;

        public Sink(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        public Sink append(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = b;
            return this;
        }

        public Sink append(byte[] b) {
            if (size + b.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + b.length));
            }
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
            return this;
        }

        public int size() {
            return size;
        }

        /** The bytes written; without a copy when they fill the sink exactly (a later append grows into a new array). */
        public byte[] toByteArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }
}
