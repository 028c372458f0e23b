package com.verdictdigest.subscribers;

/** Mails a reader the link that confirms their subscription (double opt-in). */
@FunctionalInterface
public interface ConfirmationSender {
    /** @return whether the relay took the mail; false: try again later */
    boolean send(Subscriber reader);
}
