package com.verdictdigest.bounces;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Addresses as reports write them: {@code rfc822; <Ann@Example.com>}, {@code "Ann" <ann@example.com>}, bare, quoted in
 * single quotes ({@code 'ann@example.com'}: an address does not start with one), or in an X.400 field ({@code SMTP=ann@example.com}).
 */
final class Addresses {
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9!#$%&*+/=?^_`{|}~-][A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){1,8}");

    private Addresses() {
    }

    /** The first address in the value, lower-cased, or null. The type of an RFC 3464 address field ("rfc822;") is dropped. */
    static String first(String value) {
        if (value == null) {
            return null;
        }
        int semicolon = value.indexOf(';');
        String v = semicolon >= 0 && semicolon < 12 ? value.substring(semicolon + 1) : value;
        Matcher m = ADDRESS.matcher(v);
        return m.find() ? normal(m.group()) : null;
    }

    /** A matched address, lower-cased and without the "SMTP=" of an X.400 field (Exchange). */
    static String normal(String matched) {
        String a = matched.toLowerCase(Locale.ROOT);
        return a.startsWith("smtp=") ? a.substring(5) : a;
    }

    /** The pattern of one address, for scanning text. */
    static Pattern pattern() {
        return ADDRESS;
    }

    /** The part after the "@", lower-cased. */
    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
