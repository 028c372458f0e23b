package com.verdictdigest.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.Properties;

/** Reads a stored message back (an outbox file): the part its reader would see. */
public final class MessageParts {
    private MessageParts() {
    }

    /**
     * The HTML part of a multipart message (RFC 2046 section 5.1.4), decoded.
     *
     * @return empty when the message has none
     * @throws IOException when the bytes are not a readable message
     */
    public static Optional<String> html(byte[] message) throws IOException {
        try {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message));
            if (m.getContent() instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    if (part.isMimeType("text/html")) {
                        return Optional.of((String) part.getContent());
                    }
                }
            }
            return Optional.empty();
        } catch (MessagingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
