package com.verdictdigest.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** A literal IPv4 or IPv6 address in one canonical spelling, so that two spellings of one address compare equal. */
public final class IpAddress {
    /** Dotted IPv4, or anything with a colon (IPv6): InetAddress looks neither up, unlike a host name. */
    private static final Pattern LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private IpAddress() {
    }

    /** The canonical form of a literal address (brackets of an IPv6 address allowed), or empty when it is not one. */
    public static Optional<String> canonical(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!LITERAL.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
