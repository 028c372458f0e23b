package com.verdictdigest.catalog;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Keeps only safe formatting in a tool description: no scripts, event handlers, {@code javascript:}
 * links, frames, forms or style attributes. Links keep only http(s) targets and open with
 * {@code rel="nofollow noopener"} semantics.
 */
public final class DescriptionSanitizer {
    private static final Safelist SAFE = new Safelist()
            .addTags("p", "br", "strong", "b", "em", "i", "u", "code", "ul", "ol", "li", "blockquote", "a")
            .addAttributes("a", "href")
            .addProtocols("a", "href", "http", "https")
            .addEnforcedAttribute("a", "rel", "nofollow noopener");

    private DescriptionSanitizer() {
    }

    /** @param baseUri the page's address, so relative links become absolute (emails need absolute links) */
    public static SanitizedHtml sanitize(String html, String baseUri) {
        Document.OutputSettings out = new Document.OutputSettings().prettyPrint(false);
        return new SanitizedHtml(Jsoup.clean(html, baseUri, SAFE, out).strip());
    }
}
