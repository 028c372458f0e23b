package com.verdictdigest.testing;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a test relay received, counted the way the exactly-once tests count it. */
public final class Inbox {
    private Inbox() {
    }

    /** The Message-IDs each recipient received: two for a reader mailed twice. */
    public static Map<String, List<String>> messageIdsByRecipient(MimeMessage[] messages) throws MessagingException {
        Map<String, List<String>> byRecipient = new HashMap<>();
        for (MimeMessage m : messages) {
            String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            byRecipient.computeIfAbsent(to, k -> new ArrayList<>()).add(m.getMessageID());
        }
        return byRecipient;
    }

    /** The recipients who received more than one message, with their Message-IDs. */
    public static Map<String, List<String>> twice(Map<String, List<String>> byRecipient) {
        Map<String, List<String>> twice = new HashMap<>(byRecipient);
        twice.values().removeIf(ids -> ids.size() == 1);
        return twice;
    }

    /** Each recipient's one message (a test that expects two copies uses {@link #messageIdsByRecipient}). */
    public static Map<String, MimeMessage> byRecipient(MimeMessage[] messages) throws MessagingException {
        Map<String, MimeMessage> byRecipient = new HashMap<>();
        for (MimeMessage m : messages) {
            byRecipient.put(((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress(), m);
        }
        return byRecipient;
    }

    /** The decoded text of a message's part of this type ({@code text/plain} or {@code text/html}). */
    public static String part(MimeMessage message, String type) throws Exception {
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType(type)) {
                return (String) parts.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }
}
