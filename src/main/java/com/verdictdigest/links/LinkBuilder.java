package com.verdictdigest.links;

import java.net.URI;

/**
 * Builds the absolute links that emails carry, on {@code site.base-url}: {@code BASE/u/TOKEN}.
 * Tokens are base64url, so they need no further encoding in a path.
 */
public final class LinkBuilder {
    private final String base;
    private final LinkSigner signer;

    public LinkBuilder(URI baseUrl, LinkSigner signer) {
        this.base = baseUrl.toString();
        this.signer = signer;
    }

    public String link(LinkToken token) {
        return base + "/" + token.purpose().path() + "/" + signer.sign(token);
    }

    /** A page of the site that carries no token ({@code /digests}). */
    public String page(String path) {
        return base + path;
    }

    public LinkSigner signer() {
        return signer;
    }
}
