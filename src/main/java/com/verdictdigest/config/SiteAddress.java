package com.verdictdigest.config;

import java.net.URI;

/** Where readers reach our own pages: every link in an email is built on it. */
public final class SiteAddress {
    private SiteAddress() {
    }

    /**
     * {@code site.base-url}, or when it is not set the address the web server listens on, so the
     * demo's mailed links work on whatever port it serves (a server listening on every interface is
     * reached as localhost).
     */
    public static URI of(Settings settings) {
        URI configured = settings.get(Keys.SITE_BASE_URL);
        if (configured != null) {
            return configured;
        }
        String host = settings.get(Keys.HTTP_HOST);
        if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]"; // an IPv6 literal
        }
        return URI.create("http://" + host + ":" + settings.get(Keys.HTTP_PORT));
    }
}
