package com.verdictdigest.catalog;

import com.verdictdigest.templates.TrustedHtml;

/**
 * HTML that has been through {@link DescriptionSanitizer}: the one kind of page text that templates
 * may insert without escaping. Only the sanitizer and the catalog store (which holds nothing else)
 * create it.
 */
public record SanitizedHtml(String html) implements TrustedHtml {
    @Override
    public String toString() {
        return html;
    }
}
