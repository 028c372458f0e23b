package com.verdictdigest.subscribers;

/** Mails a reader the link that confirms their subscription (double opt-in). */
@FunctionalInterface
public interface ConfirmationSender {
    /** @return false when the mail should be tried again later (the relay could not take it now) */
    boolean send(Subscriber reader);
}
