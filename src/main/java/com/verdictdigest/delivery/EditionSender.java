package com.verdictdigest.delivery;

import com.verdictdigest.editions.EditionPreparer;
import com.verdictdigest.editions.EditionStore;
import com.verdictdigest.editions.PreparedEdition;
import com.verdictdigest.mail.Mailer;
import com.verdictdigest.store.StoreException;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.subscribers.SubscriptionService;
import com.verdictdigest.week.IsoWeek;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: sends one edition to its audience through {@code send.connections} workers, each with
 * its own connection. The ledger is the only shared state between workers, processes and restarts:
 * a worker claims pending readers, records the start of each send, sends, and records the outcome.
 * Any number of processes can run this on the same edition at once; they share the work.
 */
public final class EditionSender {
    private static final Logger log = LoggerFactory.getLogger(EditionSender.class);

    private final EditionPreparer preparer;
    private final DeliveryLedger ledger;
    private final SenderLeases leases;
    private final SendOutcomes outcomes;
    private final SendWorker.Parts workerParts;
    private final Mailer mailer;
    private final SendConfig config;
    private final String processId = UUID.randomUUID().toString();
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public EditionSender(EditionPreparer preparer, EditionStore editions, DeliveryLedger ledger, SenderLeases leases,
                         SubscriberRepository readers, SubscriptionService subscriptions, Mailer mailer, SendConfig config) {
        this.preparer = preparer;
        this.ledger = ledger;
        this.leases = leases;
        this.outcomes = new SendOutcomes(editions, ledger, readers);
        this.workerParts = new SendWorker.Parts(ledger, editions, readers,
                new DeliveryAttempts(mailer, ledger, subscriptions, config));
        this.mailer = mailer;
        this.config = config;
    }

    /** Asks a running send to stop between messages; the ledger stays exact and a later send resumes. */
    public void stop() {
        stopRequested.set(true);
    }

    /** Who asks for a send: it decides what a paused edition and an empty audience do. */
    public enum Caller {
        /** The operator's {@code digest send}: resumes a paused edition; with nobody to send to, refuses and leaves the week open. */
        OPERATOR,
        /** A send started from the admin page or API, or resumed at start-up: a paused edition stays paused; nobody to send to: refused. */
        TRIGGER,
        /** The weekly schedule: a paused edition stays paused; nobody to send to: the week is recorded as skipped, with the reason. */
        SCHEDULE
    }

    /** Sends (or resumes, even when paused) the week's edition to every reader who has not had it: the operator's send. */
    public SendSummary send(IsoWeek week) {
        return send(week, Caller.OPERATOR);
    }

    /** Prepares the week's edition and sends it to every reader who has not had it. */
    public SendSummary send(IsoWeek week, Caller caller) {
        long start = System.nanoTime();
        return send(preparer.prepare(week, true), caller, start);
    }

    /**
     * Sends an edition prepared (and recorded) before to every reader who has not had it.
     *
     * @throws StoreException when the database is unreachable, before or during the send: the
     *                        workers stop, and what they sent is in the ledger or their journals
     */
    public SendSummary send(PreparedEdition prepared, Caller caller) {
        return send(prepared, caller, System.nanoTime());
    }

    private SendSummary send(PreparedEdition prepared, Caller caller, long start) {
        Optional<SendOutcomes.Ending> notSent = outcomes.start(prepared, caller);
        if (notSent.isPresent()) {
            return summary(prepared, notSent.get(), 0, start, 0);
        }
        log.info("Sending {} through {}", prepared.week(), mailer.describe());
        SendRun run = new SendRun(prepared, processId, new RateLimiter(config.ratePerSecond()), stopRequested);
        long sendingStart = System.nanoTime();
        long sendingNanos;
        try (SenderHeartbeat heartbeat = new SenderHeartbeat(leases, processId, config.lease(), run)) {
            try {
                recoverDead(prepared);
                List<Thread> workers = new ArrayList<>();
                for (int i = 1; i <= config.connections(); i++) {
                    Thread t = new Thread(new SendWorker(run, i, workerParts, () -> recoverDead(prepared)), "sender-" + i);
                    t.start();
                    workers.add(t);
                }
                joinAll(workers);
            } finally {
                sendingNanos = System.nanoTime() - sendingStart;
                if (run.databaseLost() == null) {
                    ledger.releaseUnstarted(run.editionId(), processId); // else taken back when the lease lapses
                }
            }
        }
        if (run.databaseLost() != null) {
            throw new StoreException("sending " + prepared.week() + " stopped after " + run.sent()
                    + " messages: the database is unreachable (" + run.databaseLost() + "); what the relay took is kept in "
                    + "this machine's send journal, and the next send resumes the edition once the database is back",
                    new SQLTransientConnectionException(run.databaseLost()));
        }
        return summary(prepared, outcomes.afterRun(run), run.sent(), start, sendingNanos);
    }

    /** Waits for the workers; when interrupted, stops them and still waits, so the ledger is exact before clean-up. */
    private void joinAll(List<Thread> workers) {
        boolean interrupted = false;
        for (Thread t : workers) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop();
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes back the work of senders that died; their unrecorded sends go again with the same Message-ID. */
    private void recoverDead(PreparedEdition prepared) {
        reportInDoubt(ledger.replayJournals() + ledger.recover(prepared.record().id(), leases.aliveSince(config.lease())),
                prepared.week());
    }

    static void reportInDoubt(int inDoubt, IsoWeek week) {
        if (inDoubt > 0) {
            log.warn("{} sends of {} were in doubt after a sender died; they go again with the same Message-ID", inDoubt, week);
        }
    }

    private SendSummary summary(PreparedEdition prepared, SendOutcomes.Ending ending, int sentHere, long start, long sendingNanos) {
        return new SendSummary(prepared.week(), ending.outcome(), ending.detail(), ledger.counts(prepared.record().id()), sentHere,
                Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(sendingNanos));
    }
}
