package com.verdictdigest.subscribers;

import com.verdictdigest.mail.Mailer;
import com.verdictdigest.mail.OutgoingMessage;
import com.verdictdigest.mail.SendFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands one queued mail to a reader (a confirmation, a welcome) to the mailer, on a session of its own. */
record OneOffDelivery(Mailer mailer) {
    private static final Logger log = LoggerFactory.getLogger(OneOffDelivery.class);

    /**
     * @param what the mail's name for the log ("Confirmation mail")
     * @return false when it should be tried again later; true when sent, or refused for good
     */
    boolean send(OutgoingMessage message, String what, long readerId) {
        try (Mailer.Session session = mailer.open()) {
            session.send(message);
            return true;
        } catch (SendFailure e) {
            if (e.permanent()) {
                // The relay refused this address or message for good: trying again changes nothing.
                log.warn("{} to reader {} refused for good: {}", what, readerId, e.getMessage());
                return true;
            }
            log.warn("{} to reader {} failed, to be tried again: {}", what, readerId, e.getMessage());
            return false;
        }
    }
}
