package com.verdictdigest.digest;

/** One reader's copy of an edition: what the message's parts will carry, lines ending in CRLF. */
public record DigestEmail(String subject, String html, String text, String unsubscribeUrl) {
}
