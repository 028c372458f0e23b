package com.verdictdigest.mail;

/**
 * One reader's copy of an edition as its message carries it: the text and HTML parts' bodies,
 * quoted-printable encoded (CRLF line ends, UTF-8).
 */
public record WireCopy(byte[] textQuotedPrintable, byte[] htmlQuotedPrintable, String unsubscribeUrl) {
}
