package com.verdictdigest.subscribers;

/** One reader's welcome email: what its parts carry, lines ending in CRLF, and the unsubscribe link in both. */
public record WelcomeEmail(String subject, String html, String text, String unsubscribeUrl) {
}
