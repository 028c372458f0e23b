package com.verdictdigest.templates;

/**
 * Marks a value that HTML templates insert as it is. Anything else is escaped. Implemented only by
 * values that are safe by construction: sanitised page HTML and fragments our own templates rendered.
 */
public interface TrustedHtml {
    String html();
}
