package com.verdictdigest.subscribers;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A valid mailbox address, normalised: trimmed, domain lower-cased (the local part keeps its case,
 * RFC 5321 section 2.4). {@link #key()} is the whole address lower-cased, under which one reader is
 * stored whatever the case they typed.
 */
public record EmailAddress(String value) {
    /** A practical subset of RFC 5322 addr-spec: dot-atom local part, a domain of labels with a dot. */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9-]{2,63}");

    public static EmailAddress parse(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("no email address given");
        }
        String trimmed = raw.strip();
        if (trimmed.indexOf('\r') >= 0 || trimmed.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("email address contains a line break");
        }
        if (trimmed.length() > 254 || !ADDRESS.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + printable(trimmed) + "' is not a valid email address");
        }
        int at = trimmed.lastIndexOf('@');
        if (at > 64) {
            throw new IllegalArgumentException("'" + trimmed + "' has a local part longer than 64 characters");
        }
        return new EmailAddress(trimmed.substring(0, at) + "@" + trimmed.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }


    @Override
    public String toString() {
        return value;
    }

    private static String printable(String s) {
        String shown = s.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 80 ? shown.substring(0, 77) + "..." : shown;
    }
}
