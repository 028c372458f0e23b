package com.verdictdigest.templates;

/**
 * A place for a per-reader value in text rendered once for everyone. Rendered as a marker that page
 * text cannot produce: control characters are stripped from every other value, and the marker
 * carries a random nonce of the render.
 */
public record Slot(String marker) {
    public static final char DELIMITER = '\u0001';

    @Override
    public String toString() {
        return marker;
    }
}
