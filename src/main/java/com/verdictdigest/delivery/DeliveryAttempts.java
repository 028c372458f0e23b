package com.verdictdigest.delivery;

import com.verdictdigest.mail.Mailer;
import com.verdictdigest.mail.OutgoingMessage;
import com.verdictdigest.mail.SendFailure;
import com.verdictdigest.subscribers.SubscriptionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries one message until the relay takes it, refuses it for good, or the attempts run out, with
 * exponential back-off between tries; then records a failure for what it is. Only a refused
 * recipient is a hard bounce (RFC 5321 section 4.2.5: 5yz to RCPT TO); a refused message (size,
 * policy) says nothing about the reader, and an unreachable relay says nothing about anyone.
 */
final class DeliveryAttempts {
    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final Mailer mailer;
    private final DeliveryLedger ledger;
    private final SubscriptionService subscriptions;
    private final SendConfig config;

    DeliveryAttempts(Mailer mailer, DeliveryLedger ledger, SubscriptionService subscriptions, SendConfig config) {
        this.mailer = mailer;
        this.ledger = ledger;
        this.subscriptions = subscriptions;
        this.config = config;
    }

    /** What became of a message: whether the relay took it, and the session to reuse (null when closed). */
    record Attempted(boolean accepted, Mailer.Session session) {
    }

    Attempted deliver(SendRun run, long readerId, OutgoingMessage message, Mailer.Session session) {
        SendFailure last = null;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Pause.sleep(config.retryBase().toMillis() << Math.min(attempt - 2, 16));
            }
            try {
                if (session == null) {
                    session = mailer.open();
                }
                run.rate.acquire();
                session.send(message);
                return new Attempted(true, session);
            } catch (SendFailure f) {
                last = f;
                if (f.permanent()) {
                    break;
                }
                if (session != null) {
                    session.close();
                    session = null;
                }
                log.debug("Temporary failure for reader {} (attempt {}): {}", readerId, attempt, f.getMessage());
            }
        }
        recordFailure(run, readerId, last);
        return new Attempted(false, session);
    }

    private void recordFailure(SendRun run, long readerId, SendFailure failure) {
        long editionId = run.editionId();
        if (failure.kind() == SendFailure.Kind.CONNECTION) {
            // Nothing is known against this reader: the relay is unreachable. Back to the queue;
            // if the relay stays away, the failures in a row pause the edition.
            ledger.release(editionId, run.processId, readerId, failure.getMessage());
            log.warn("Relay unreachable, reader {} goes back to the queue: {}", readerId, failure.getMessage());
        } else {
            boolean bounce = failure.kind() == SendFailure.Kind.RECIPIENT_REJECTED;
            if (bounce) {
                // First: should this process die before recording the failure, its send is in doubt
                // and goes back to the queue, where a reader who bounced is skipped.
                subscriptions.bounced(readerId, run.prepared.week());
            }
            ledger.failed(editionId, run.processId, readerId, failure.getMessage());
            log.warn("Delivery to reader {} failed{}: {}", readerId, bounce ? " (hard bounce)" : "", failure.getMessage());
        }
        run.failed(failure.getMessage(), config.maxConsecutiveErrors());
    }
}
