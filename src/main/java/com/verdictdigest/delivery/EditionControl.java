package com.verdictdigest.delivery;

import com.verdictdigest.digest.IsoWeek;
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
 * change goes through the ledger, so it reaches senders in any process before their next message.
 */
public final class EditionControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EditionControl.class);

    /** What a trigger did. */
    public enum Triggered { STARTED, ALREADY_SENT, ALREADY_RUNNING, FINAL }

    private final DeliveryLedger ledger;
    private final Supplier<EditionSender> senders;
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "edition-send");
        t.setDaemon(false);
        return t;
    });
    private final ConcurrentHashMap<IsoWeek, EditionSender> running = new ConcurrentHashMap<>();

    public EditionControl(DeliveryLedger ledger, Supplier<EditionSender> senders) {
        this.ledger = ledger;
        this.senders = senders;
    }

    /**
     * Sends (or resumes) a week's edition in the background. A week already sent is not sent again;
     * a send of the same week already running in this process is not doubled (and one in another
     * process shares the work through the ledger).
     */
    public Triggered trigger(IsoWeek week) {
        Optional<EditionRecord> existing = ledger.find(week);
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
        background.submit(() -> {
            try {
                log.info(sender.send(week).line());
            } catch (RuntimeException e) {
                log.error("Sending {} failed: {}", week, e.getMessage());
            } finally {
                running.remove(week);
            }
        });
        return Triggered.STARTED;
    }

    public boolean pause(IsoWeek week) {
        return ledger.find(week).map(e -> ledger.changeStatus(e.id(), EditionStatus.PAUSED, "paused by the operator",
                EditionStatus.SENDING, EditionStatus.PLANNED)).orElse(false);
    }

    /** Puts a paused edition back to sending and resumes it where it stopped. */
    public boolean resume(IsoWeek week) {
        Optional<EditionRecord> e = ledger.find(week);
        if (e.isEmpty() || e.get().status() != EditionStatus.PAUSED) {
            return false;
        }
        return trigger(week) == Triggered.STARTED;
    }

    /** Stops an edition for good; its ledger stays as it is. */
    public boolean cancel(IsoWeek week) {
        return ledger.find(week).map(e -> ledger.changeStatus(e.id(), EditionStatus.CANCELLED, "cancelled by the operator",
                EditionStatus.SENDING, EditionStatus.PAUSED)
                || ledger.changeStatus(e.id(), EditionStatus.CANCELLED, "cancelled by the operator",
                EditionStatus.PLANNED, EditionStatus.PLANNED)).orElse(false);
    }


    /** Whether this process is sending any edition right now. */
    public boolean isBusy() {
        return !running.isEmpty();
    }

    /** Stops every send of this process between messages and waits for the ledger to be exact. */
    @Override
    public void close() {
        running.values().forEach(EditionSender::stop);
        background.shutdown();
        try {
            if (!background.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("Sends did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
