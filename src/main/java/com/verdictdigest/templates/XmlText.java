package com.verdictdigest.templates;

/**
 * Text safe in XML 1.0 (and so in HTML and in a feed): the characters XML forbids are dropped
 * (control characters other than tab and line breaks, lone surrogates, U+FFFE and U+FFFF), since a
 * single one makes a whole feed unreadable. https://www.w3.org/TR/xml/#charsets
 */
public final class XmlText {
    private XmlText() {
    }

    public static String clean(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            boolean allowed = pair || c == '\t' || c == '\n' || c == '\r'
                    || (c >= 0x20 && c <= 0xFFFD && !Character.isSurrogate(c));
            if (!allowed && b == null) {
                b = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (allowed && b != null) {
                b.append(c);
            }
            if (pair) {
                i++;
                if (b != null) {
                    b.append(s.charAt(i));
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** Cleaned, then escaped for XML and HTML. */
    public static String escape(String s) {
        return Html.escape(clean(s));
    }
}
