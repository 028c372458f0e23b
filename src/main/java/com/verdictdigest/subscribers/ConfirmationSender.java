package com.verdictdigest.subscribers;

/** Mails a reader the link that confirms their subscription (double opt-in). */
@FunctionalInterface
public interface ConfirmationSender {
    void send(Subscriber reader);
}
