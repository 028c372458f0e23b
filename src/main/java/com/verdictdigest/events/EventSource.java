package com.verdictdigest.events;

/**
 * Where an action came from: the RFC 8058 one-click POST, a page's button, the JSON API, the
 * operator, the site's form, the relay that refused a reader's address during the send, or a report
 * that came back later (a bounce or a complaint read from the return path).
 */
public enum EventSource {
    ONE_CLICK("one-click"), PAGE("page"), API("api"), OPERATOR("operator"), FORM("form"), RELAY("relay"), REPORT("report");

    private final String word;

    EventSource(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
