package com.verdictdigest.delivery;

import com.verdictdigest.editions.EditionStatus;
import com.verdictdigest.editions.EditionStore;
import com.verdictdigest.editions.ReaderCopy;
import com.verdictdigest.mail.Mailer;
import com.verdictdigest.mail.OutgoingMessage;
import com.verdictdigest.store.StoreException;
import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.subscribers.Preferences;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberRepository;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sending connection: claims pending readers, records the start of each send, sends, and
 * records the outcome, until no reader is left or the run halts. Its journal holds what the
 * database may not yet have on disk ({@link SendJournal}).
 */
final class SendWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SendWorker.class);

    private final SendRun run;
    private final int connection;
    private final DeliveryLedger ledger;
    private final EditionStore editions;
    private final SubscriberRepository readers;
    private final DeliveryAttempts attempts;
    private final Runnable recoverDead;
    /** The reader whose message went out but is not yet recorded as sent (recorded with the next start). */
    private long unrecorded = -1;
    private SendJournal journal;

    /** @param recoverDead takes back the work of senders that died (while this one waits for others to finish) */
    SendWorker(SendRun run, int connection, Parts parts, Runnable recoverDead) {
        this.run = run;
        this.connection = connection;
        this.ledger = parts.ledger();
        this.editions = parts.editions();
        this.readers = parts.readers();
        this.attempts = parts.attempts();
        this.recoverDead = recoverDead;
    }

    /** What every worker of a sender uses. */
    record Parts(DeliveryLedger ledger, EditionStore editions, SubscriberRepository readers, DeliveryAttempts attempts) {
    }

    @Override
    public void run() {
        long editionId = run.editionId();
        Mailer.Session session = null;
        try {
            journal = ledger.journal(run.processId, connection);
            while (!run.halted()) {
                checkpoint(editionId);
                List<Long> batch = ledger.claim(editionId, run.processId);
                if (batch.isEmpty()) {
                    DeliveryCounts counts = ledger.counts(editionId);
                    if (counts.pending() == 0 && counts.inFlight() == 0) {
                        return;
                    }
                    // Others are still sending: wait, and take back their work if they die.
                    Pause.sleep(250);
                    recoverDead.run();
                    continue;
                }
                Map<Long, Subscriber> subscribers = readers.byIds(batch);
                Map<Long, List<Bookmark>> bookmarks = readers.bookmarksOf(batch);
                Map<Long, Preferences> preferences = readers.preferencesOf(batch);
                for (long id : batch) {
                    if (run.halted()) {
                        return; // the rest of the batch is released as unstarted
                    }
                    Subscriber s = subscribers.get(id);
                    if (s == null) {
                        continue; // deleted since the claim: released as unstarted at the end
                    }
                    ReaderCopy copy = run.prepared.mailFor(id, s.email(), bookmarks.getOrDefault(id, List.of()),
                            preferences.getOrDefault(id, Preferences.DEFAULT), ledger.currentTime());
                    // A reader whose preferences leave them nothing is recorded as skipped, not sent.
                    boolean started = !copy.isSkipped() && ledger.sentAndStart(editionId, run.processId, unrecorded, id);
                    boolean skipped = copy.isSkipped() && ledger.sentAndSkip(editionId, run.processId, unrecorded, id, copy.skipReason());
                    unrecorded = -1;
                    if (!started && !skipped && editions.byId(editionId).status() != EditionStatus.SENDING) {
                        run.operatorStopped(); // paused or cancelled: stop before the next message
                        return;
                    }
                    if (!started) {
                        continue;
                    }
                    OutgoingMessage message = copy.message();
                    journal.started(editionId, id);
                    DeliveryAttempts.Attempted attempted = attempts.deliver(run, id, message, session);
                    session = attempted.session();
                    if (attempted.accepted()) {
                        unrecorded = id; // recorded whatever happens next
                        run.accepted();
                        journal.sent(editionId, id);
                    }
                }
            }
        } catch (RuntimeException e) {
            if (e instanceof StoreException s && s.isConnectionLost()) {
                // Nothing more can be recorded: stop, and let what is known stand (journal, ledger, leases).
                run.databaseLost(e.getMessage());
            } else {
                log.error("Sender stopped by an unexpected error", e);
                run.pause("unexpected error: " + e.getMessage());
            }
        } finally {
            try {
                recordSent(editionId);
            } catch (RuntimeException e) {
                log.warn("Could not record the last message sent (its journal keeps it): {}", e.getMessage());
            } finally {
                if (session != null) {
                    session.close();
                }
                closeJournal();
            }
        }
    }

    /**
     * Between claims: what this connection recorded becomes durable and its journal starts afresh
     * (so it never holds more than a claim's worth), and the journals of senders that died are
     * replayed before anything more is claimed. (Had the database lost this connection's records,
     * the connection would have failed first: its records are put back when it closes.)
     */
    private void checkpoint(long editionId) {
        recordSent(editionId);
        ledger.makeDurable();
        journal.clear();
        EditionSender.reportInDoubt(ledger.replayJournals(), run.prepared.week());
    }

    /** The journal goes once the ledger holds its records durably; otherwise it stays for the next sender. */
    private void closeJournal() {
        if (journal == null) {
            return;
        }
        try {
            ledger.makeDurable(journal, run.processId);
        } catch (RuntimeException e) {
            log.warn("Send journal kept for the next sender: {}", e.getMessage());
            journal.keep();
            return;
        }
        journal.close();
    }

    private void recordSent(long editionId) {
        if (unrecorded >= 0) {
            ledger.sent(editionId, run.processId, unrecorded);
            unrecorded = -1;
        }
    }
}
