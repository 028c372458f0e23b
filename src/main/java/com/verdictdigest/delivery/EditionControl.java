package com.verdictdigest.delivery;

import com.verdictdigest.editions.EditionPreparer;
import com.verdictdigest.editions.EditionRecord;
import com.verdictdigest.editions.EditionStatus;
import com.verdictdigest.editions.EditionStore;
import com.verdictdigest.editions.PreparedEdition;
import com.verdictdigest.store.StoreException;
import com.verdictdigest.week.IsoWeek;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's hand on editions: trigger a send in the background, pause, resume, cancel. Every
 * change goes through the database, so it reaches senders in any process before their next message.
 */
public final class EditionControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EditionControl.class);

    /** What a trigger did. */
    public enum Triggered { STARTED, ALREADY_SENT, ALREADY_RUNNING, FINAL }

    private final EditionStore editions;
    private final DeliveryLedger ledger;
    private final EditionPreparer preparer;
    private final Supplier<EditionSender> senders;
    /** After a send lost its database: the first wait before trying again, doubling up to the last. */
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration LAST_RETRY = Duration.ofSeconds(60);

    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "edition-send");
        t.setDaemon(false);
        return t;
    });
    private final ConcurrentHashMap<IsoWeek, EditionSender> running = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public EditionControl(EditionStore editions, DeliveryLedger ledger, EditionPreparer preparer, Supplier<EditionSender> senders) {
        this.editions = editions;
        this.ledger = ledger;
        this.preparer = preparer;
        this.senders = senders;
    }

    /**
     * Sends (or resumes) a week's edition in the background. A week already sent is not sent again;
     * a send of the same week already running in this process is not doubled (and one in another
     * process shares the work through the ledger).
     */
    public Triggered trigger(IsoWeek week) {
        return trigger(week, EditionSender.Caller.TRIGGER);
    }

    /** A trigger by the schedule or the operator's page ({@link EditionSender.Caller}). */
    public Triggered trigger(IsoWeek week, EditionSender.Caller caller) {
        if (closed) {
            throw new IllegalStateException("shutting down: no new sends");
        }
        Optional<EditionRecord> existing = editions.find(week);
        if (existing.isPresent() && existing.get().status() == EditionStatus.SENT) {
            return Triggered.ALREADY_SENT;
        }
        if (existing.isPresent() && existing.get().status().isFinal()) {
            return Triggered.FINAL;
        }
        EditionSender sender = senders.get();
        if (running.putIfAbsent(week, sender) != null) {
            return Triggered.ALREADY_RUNNING;
        }
        PreparedEdition prepared;
        try {
            prepared = preparer.prepare(week, true); // planned and checked once, now: preflight's problems reach the caller
        } catch (RuntimeException e) {
            running.remove(week);
            throw e;
        }
        background.submit(() -> {
            try {
                EditionSender current = sender;
                // A paused edition stays paused: only resume() (the operator) puts it back to sending.
                // A resume that came while the paused run was winding down finds it still here: go on.
                Duration wait = FIRST_RETRY;
                while (true) {
                    try {
                        log.info(current.send(prepared, caller).line());
                        if (closed || !resumedMeanwhile(week)) {
                            break;
                        }
                        wait = FIRST_RETRY;
                    } catch (StoreException e) {
                        if (!e.isConnectionLost()) {
                            throw e;
                        }
                        // The database went away mid-send (or is not back yet): try again until it is.
                        log.warn("{}; trying again in {} s", e.getMessage(), wait.toSeconds());
                        if (!sleepUnlessClosed(wait)) {
                            break;
                        }
                        wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
                    }
                    current = senders.get();
                    running.put(week, current);
                    if (closed) {
                        break; // close() may have stopped the senders it saw before this one was put there
                    }
                }
            } catch (RuntimeException e) {
                log.error("Sending {} failed: {}", week, e.getMessage());
            } finally {
                running.remove(week);
            }
        });
        return Triggered.STARTED;
    }

    /** Waits, unless this control closes meanwhile; false when it did. */
    private boolean sleepUnlessClosed(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        while (!closed && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !closed;
    }

    /** Whether the edition is sending with readers still pending: resumed while its last run was stopping. */
    private boolean resumedMeanwhile(IsoWeek week) {
        Optional<EditionRecord> e = editions.find(week);
        return e.isPresent() && e.get().status() == EditionStatus.SENDING && ledger.counts(e.get().id()).pending() > 0;
    }

    public boolean pause(IsoWeek week) {
        return editions.find(week).map(e -> editions.move(e.id(), EditionStatus.PAUSED, "paused by the operator")).orElse(false);
    }

    /** Puts a paused edition back to sending and resumes it where it stopped. */
    public boolean resume(IsoWeek week) {
        Optional<EditionRecord> e = editions.find(week);
        if (e.isEmpty() || !editions.change(e.get().id(), EditionStatus.PAUSED, EditionStatus.SENDING, null)) {
            return false;
        }
        Triggered t = trigger(week);
        return t == Triggered.STARTED || t == Triggered.ALREADY_RUNNING;
    }

    /** Stops an edition for good; its ledger stays as it is. */
    public boolean cancel(IsoWeek week) {
        return editions.find(week).map(e -> editions.move(e.id(), EditionStatus.CANCELLED, "cancelled by the operator"))
                .orElse(false);
    }

    /** Whether this process is sending any edition right now. */
    public boolean isBusy() {
        return !running.isEmpty();
    }

    /**
     * Refuses new sends, stops every send of this process between messages, and waits until they
     * have recorded what they did (a message being sent finishes or fails first; retries stop).
     */
    @Override
    public void close() {
        closed = true;
        running.values().forEach(EditionSender::stop);
        background.shutdown();
        try {
            while (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                log.info("Waiting for {} send(s) to record their last message", running.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
