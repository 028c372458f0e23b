package com.verdictdigest.events;

/**
 * Where an action came from: the RFC 8058 one-click POST, a page's button, the JSON API, the
 * operator, the site's form, or the relay that refused a reader's address.
 */
public enum EventSource {
    ONE_CLICK("one-click"), PAGE("page"), API("api"), OPERATOR("operator"), FORM("form"), RELAY("relay");

    private final String word;

    EventSource(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
