package com.verdictdigest.delivery;

import com.verdictdigest.editions.EditionRecord;
import com.verdictdigest.editions.EditionStatus;
import com.verdictdigest.editions.EditionStore;
import com.verdictdigest.editions.PreparedEdition;
import com.verdictdigest.subscribers.SubscriberRepository;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a send does with an edition: before the workers start, whether it goes out at all (the
 * {@link EditionSender.Caller} decides for a paused edition and an empty audience); after they
 * stop, what the edition became (sent, paused, stopped, or left to the others still sending it).
 */
final class SendOutcomes {
    private static final Logger log = LoggerFactory.getLogger(SendOutcomes.class);

    private final EditionStore editions;
    private final DeliveryLedger ledger;
    private final SubscriberRepository readers;

    SendOutcomes(EditionStore editions, DeliveryLedger ledger, SubscriberRepository readers) {
        this.editions = editions;
        this.ledger = ledger;
        this.readers = readers;
    }

    /** How a send ended, in the operator's words. */
    record Ending(SendSummary.Outcome outcome, String detail) {
    }

    /**
     * Starts sending the edition (its audience fixed the first time), or says why not.
     *
     * @return empty when the workers may start
     */
    Optional<Ending> start(PreparedEdition prepared, EditionSender.Caller caller) {
        EditionRecord record = editions.byId(prepared.record().id());
        if (record.status().isFinal()) {
            return Optional.of(alreadyFinal(record));
        }
        if (prepared.nothingToSend()) {
            return Optional.of(skip(record, "no comparisons this week"));
        }
        if (record.audience() == null && !readers.hasActiveReaders()) {
            if (caller == EditionSender.Caller.SCHEDULE) {
                return Optional.of(skip(record, "no active readers"));
            }
            log.warn("{} not sent: there is no active reader; the week stays open", record.week());
            return Optional.of(new Ending(SendSummary.Outcome.NO_READERS, "not sent: no active readers; the week stays open"));
        }
        if (!ledger.startSending(record.id(), caller == EditionSender.Caller.OPERATOR)) {
            EditionRecord now = editions.byId(record.id());
            return Optional.of(now.status().isFinal() ? alreadyFinal(now) : new Ending(SendSummary.Outcome.PAUSED, now.statusLine()));
        }
        return Optional.empty();
    }

    private static Ending alreadyFinal(EditionRecord record) {
        return new Ending(SendSummary.Outcome.ALREADY_FINAL, "was already " + record.status().word() + "; nothing sent");
    }

    /** An automatic send with nothing to send records the week as skipped, with the reason. */
    private Ending skip(EditionRecord record, String reason) {
        if (!editions.change(record.id(), EditionStatus.PLANNED, EditionStatus.SKIPPED, reason)) {
            EditionRecord now = editions.byId(record.id()); // paused or cancelled meanwhile: it stays so
            return new Ending(now.status().isFinal() ? SendSummary.Outcome.ALREADY_FINAL : SendSummary.Outcome.PAUSED,
                    now.status().word());
        }
        log.info("{} recorded as skipped: {}", record.week(), reason);
        return new Ending(SendSummary.Outcome.SKIPPED, "skipped: " + reason);
    }

    /** After this process's workers stopped: what the edition became. */
    Ending afterRun(SendRun run) {
        long editionId = run.editionId();
        EditionRecord now = editions.byId(editionId);
        DeliveryCounts left = ledger.counts(editionId);
        if (now.status() == EditionStatus.PAUSED && left.pending() + left.inFlight() == 0
                && editions.change(editionId, EditionStatus.PAUSED, EditionStatus.SENT, null)) {
            return new Ending(SendSummary.Outcome.SENT, "sent"); // the pause came after the last message
        }
        if (now.status() == EditionStatus.PAUSED || now.status() == EditionStatus.CANCELLED) {
            return new Ending(now.status() == EditionStatus.PAUSED ? SendSummary.Outcome.PAUSED : SendSummary.Outcome.CANCELLED,
                    now.statusLine());
        }
        if (run.wasStoppedByOperator()) {
            return new Ending(SendSummary.Outcome.STOPPED, "stopped: the operator paused or cancelled it");
        }
        if (run.pauseReason() != null) {
            editions.change(editionId, EditionStatus.SENDING, EditionStatus.PAUSED, run.pauseReason());
            return new Ending(SendSummary.Outcome.PAUSED, "paused: " + run.pauseReason());
        }
        if (run.stopRequested()) {
            return new Ending(SendSummary.Outcome.STOPPED, "stopped; the next send resumes it");
        }
        if (ledger.finish(editionId) || editions.byId(editionId).status() == EditionStatus.SENT) {
            return new Ending(SendSummary.Outcome.SENT, "sent");
        }
        return new Ending(SendSummary.Outcome.OTHERS_SENDING, "stopped; others are still sending it");
    }
}
