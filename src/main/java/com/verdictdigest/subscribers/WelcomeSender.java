package com.verdictdigest.subscribers;

/** Mails a reader who just confirmed what they will get and when. */
@FunctionalInterface
public interface WelcomeSender {
    /** @return false when the mail should be tried again later (the relay could not take it now) */
    boolean send(Subscriber reader);
}
