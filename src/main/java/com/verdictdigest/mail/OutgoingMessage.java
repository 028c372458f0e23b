package com.verdictdigest.mail;

/**
 * One message exactly as it goes on the wire (RFC 5322, CRLF line ends), with its envelope.
 *
 * @param messageId the Message-ID without angle brackets
 */
public record OutgoingMessage(String envelopeFrom, String recipient, String messageId, byte[] data) {
}
