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
}
