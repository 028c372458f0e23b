package com.verdictdigest.mail;

import java.util.Arrays;

/**
 * A message as the text of an SMTP DATA command: every line ends in CRLF, and a line that starts
 * with a period gets a second one (RFC 5321 section 4.5.2), so the server takes only our final
 * "." line as the end of the message. The same bytes Angus's {@code SMTPOutputStream} writes, made
 * in one pass over the whole message instead of line by line through the socket's buffer.
 */
final class SmtpData {
    private SmtpData() {
    }

    /** The DATA text of a message; the same array when it needs no change (a canonical message, as ours are). */
    static byte[] of(byte[] message) {
        if (canonical(message)) {
            return message;
        }
        byte[] out = new byte[message.length * 2 + 2];
        int n = 0;
        boolean atLineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\r' || b == '\n') {
                if (b == '\n' && i > 0 && message[i - 1] == '\r') {
                    continue; // the LF of a CRLF already written
                }
                out[n++] = '\r';
                out[n++] = '\n';
                atLineStart = true;
                continue;
            }
            if (atLineStart && b == '.') {
                out[n++] = '.';
            }
            out[n++] = b;
            atLineStart = false;
        }
        if (!atLineStart) {
            out[n++] = '\r';
            out[n++] = '\n';
        }
        return Arrays.copyOf(out, n);
    }

    /** Whether every line ends in CRLF, the last included, and none starts with a period. */
    private static boolean canonical(byte[] m) {
        int len = m.length;
        if (len < 2 || m[len - 2] != '\r' || m[len - 1] != '\n' || m[0] == '.') {
            return false;
        }
        for (int i = 0; i < len; i++) {
            byte b = m[i];
            if (b == '\r') {
                if (i + 1 >= len || m[i + 1] != '\n') {
                    return false;
                }
                i++;
                if (i + 1 < len && m[i + 1] == '.') {
                    return false;
                }
            } else if (b == '\n') {
                return false;
            }
        }
        return true;
    }
}
