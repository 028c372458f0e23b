package com.verdictdigest.delivery;

import com.verdictdigest.catalog.CatalogRepository;
import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.digest.DigestConfig;
import com.verdictdigest.digest.DigestEmail;
import com.verdictdigest.digest.Edition;
import com.verdictdigest.digest.EditionPlanner;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.digest.IsoWeek;
import com.verdictdigest.digest.Preflight;
import com.verdictdigest.digest.Reader;
import com.verdictdigest.digest.RenderedEdition;
import com.verdictdigest.digest.WireCopy;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.subscribers.SubscriberStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

    private final DeliveryLedger ledger;
    private final SubscriberRepository subscribers;
    private final CatalogRepository catalog;
    private final EditionPlanner planner;
    private final EditionRenderer renderer;
    private final MessageComposer composer;
    private final Mailer mailer;
    private final SendConfig config;
    private final DigestConfig digest;
    private final LinkBuilder links;
    private final Clock clock;
    private final String processId = UUID.randomUUID().toString();
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public EditionSender(DeliveryLedger ledger, SubscriberRepository subscribers, CatalogRepository catalog,
                         EditionPlanner planner, EditionRenderer renderer, MessageComposer composer, Mailer mailer,
                         SendConfig config, DigestConfig digest, LinkBuilder links, Clock clock) {
        this.ledger = ledger;
        this.subscribers = subscribers;
        this.catalog = catalog;
        this.planner = planner;
        this.renderer = renderer;
        this.composer = composer;
        this.mailer = mailer;
        this.config = config;
        this.digest = digest;
        this.links = links;
        this.clock = clock;
    }

    /** Asks a running send to stop between messages; the ledger stays exact and a later send resumes. */
    public void stop() {
        stopRequested.set(true);
    }

    /** An edition ready to go: its ledger record (null when not recorded), rendered once, and its shared headers. */
    public record Prepared(EditionRecord record, Edition edition, RenderedEdition rendered, MessageComposer.Shared headers) {
    }

    /**
     * Plans the week's edition (or finds the one planned before), renders it and runs preflight on
     * a sample copy.
     *
     * @param record whether to record a newly planned edition in the ledger (not for dry runs and test sends)
     * @throws PreflightException when the email has problems: nothing is sent
     */
    public Prepared prepare(IsoWeek week, boolean record) {
        Optional<EditionRecord> existing = ledger.find(week);
        Edition edition = existing.map(e -> EditionContent.frozen(e, ledger, catalog)).orElseGet(() -> planner.plan(week));
        RenderedEdition rendered = renderer.render(edition);
        EditionRecord planned = existing.orElse(null);
        if (planned == null && record) {
            List<String> slugs = edition.comparisons().stream().map(Comparison::slug).toList();
            planned = ledger.plan(week, rendered.subject(), slugs, edition.moreCount());
            if (!ledger.comparisonSlugs(planned.id()).equals(slugs)) {
                // Another process planned this week a moment earlier, from another catalog: send its edition.
                edition = EditionContent.frozen(planned, ledger, catalog);
                rendered = renderer.render(edition);
            }
        }
        List<String> problems = new Preflight(digest).check(rendered.personalize(
                new Reader(0, "preflight@example.com", edition.sampleBookmarks()), links));
        if (!problems.isEmpty()) {
            throw new PreflightException(week, problems);
        }
        return new Prepared(planned, edition, rendered, composer.shared(week, rendered.subject()));
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

    /** Sends the week's edition to every reader who has not had it. */
    public SendSummary send(IsoWeek week, Caller caller) {
        long start = System.nanoTime();
        Prepared prepared = prepare(week, true);
        EditionRecord record = prepared.record();
        if (record.status().isFinal()) {
            return alreadyFinal(record, start);
        }
        if (record.comparisons() == 0 && !digest.sendEmpty()) {
            return skip(record, "no comparisons this week", start);
        }
        if (record.audience() == null && !subscribers.hasActiveReaders()) {
            if (caller == Caller.SCHEDULE) {
                return skip(record, "no active readers", start);
            }
            log.warn("{} not sent: there is no active reader; the week stays open", week);
            return summary(week, SendSummary.Outcome.NO_READERS, "not sent: no active readers; the week stays open",
                    record.id(), 0, start, 0);
        }
        Optional<EditionRecord> sending = ledger.startSending(record.id(), caller == Caller.OPERATOR);
        if (sending.isEmpty()) {
            EditionRecord now = ledger.byId(record.id());
            return now.status().isFinal() ? alreadyFinal(now, start) : summary(week, SendSummary.Outcome.PAUSED,
                    now.status().word() + (now.statusReason() == null ? "" : ": " + now.statusReason()), record.id(), 0, start, 0);
        }
        log.info("Sending {} to {} readers through {}", week, sending.get().audience(), mailer.describe());
        return run(prepared, start);
    }

    private SendSummary alreadyFinal(EditionRecord record, long start) {
        return summary(record.week(), SendSummary.Outcome.ALREADY_FINAL, "was already " + record.status().word() + "; nothing sent",
                record.id(), 0, start, 0);
    }

    /** An automatic send with nothing to send records the week as skipped, with the reason. */
    private SendSummary skip(EditionRecord record, String reason, long start) {
        if (!ledger.changeStatus(record.id(), EditionStatus.SKIPPED, reason, EditionStatus.PLANNED, EditionStatus.PLANNED)) {
            EditionRecord now = ledger.byId(record.id()); // paused or cancelled meanwhile: it stays so
            return summary(record.week(), now.status().isFinal() ? SendSummary.Outcome.ALREADY_FINAL : SendSummary.Outcome.PAUSED,
                    now.status().word(), record.id(), 0, start, 0);
        }
        log.info("{} recorded as skipped: {}", record.week(), reason);
        return summary(record.week(), SendSummary.Outcome.SKIPPED, "skipped: " + reason, record.id(), 0, start, 0);
    }

    private SendSummary run(Prepared prepared, long start) {
        long editionId = prepared.record().id();
        ledger.registerProcess(processId);
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sender-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long beat = Math.max(500, config.lease().toMillis() / 3);
        Run run = new Run(prepared, new RateLimiter(config.ratePerSecond()));
        long[] lastBeat = {System.nanoTime()};
        heartbeat.scheduleAtFixedRate(() -> {
            try {
                if (ledger.heartbeat(processId, config.lease())) {
                    lastBeat[0] = System.nanoTime();
                } else {
                    run.leaseLost("this process was taken for dead by the others; its work was taken back");
                }
            } catch (RuntimeException e) {
                log.warn("Heartbeat failed: {}", e.getMessage());
                if (System.nanoTime() - lastBeat[0] > config.lease().toNanos() * 2 / 3) {
                    // Others will soon take our work back: stop before we could send it twice.
                    run.leaseLost("no heartbeat for too long: " + e.getMessage());
                }
            }
        }, beat, beat, TimeUnit.MILLISECONDS);
        long sendingStart = System.nanoTime();
        long sendingNanos;
        try {
            recover(prepared.record());
            List<Thread> workers = new ArrayList<>();
            for (int i = 1; i <= config.connections(); i++) {
                int connection = i;
                Thread t = new Thread(() -> run.work(connection), "sender-" + i);
                t.start();
                workers.add(t);
            }
            joinAll(workers);
        } finally {
            sendingNanos = System.nanoTime() - sendingStart;
            ledger.releaseUnstarted(editionId, processId);
            heartbeat.shutdownNow();
            ledger.unregisterProcess(processId);
        }
        SendSummary.Outcome outcome;
        String detail;
        EditionRecord now = ledger.byId(editionId);
        DeliveryCounts left = ledger.counts(editionId);
        if (now.status() == EditionStatus.PAUSED && left.pending() + left.inFlight() == 0
                && ledger.changeStatus(editionId, EditionStatus.SENT, null, EditionStatus.PAUSED, EditionStatus.PAUSED)) {
            outcome = SendSummary.Outcome.SENT; // the pause came after the last message
            detail = "sent";
        } else if (now.status() == EditionStatus.PAUSED || now.status() == EditionStatus.CANCELLED) {
            outcome = now.status() == EditionStatus.PAUSED ? SendSummary.Outcome.PAUSED : SendSummary.Outcome.CANCELLED;
            detail = now.status().word() + (now.statusReason() == null ? "" : ": " + now.statusReason());
        } else if (run.operatorStopped.get()) {
            outcome = SendSummary.Outcome.STOPPED;
            detail = "stopped: the operator paused or cancelled it";
        } else if (run.pauseReason.get() != null) {
            ledger.changeStatus(editionId, EditionStatus.PAUSED, run.pauseReason.get(), EditionStatus.SENDING, EditionStatus.SENDING);
            outcome = SendSummary.Outcome.PAUSED;
            detail = "paused: " + run.pauseReason.get();
        } else if (stopRequested.get()) {
            outcome = SendSummary.Outcome.STOPPED;
            detail = "stopped; the next send resumes it";
        } else if (ledger.finish(editionId) || ledger.byId(editionId).status() == EditionStatus.SENT) {
            outcome = SendSummary.Outcome.SENT;
            detail = "sent";
        } else {
            outcome = SendSummary.Outcome.OTHERS_SENDING;
            detail = "stopped; others are still sending it";
        }
        return summary(prepared.record().week(), outcome, detail, editionId, run.sent.get(), start, sendingNanos);
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
    private void recover(EditionRecord edition) {
        reportInDoubt(ledger.replayJournals() + ledger.recover(edition.id(), config.lease()), edition.week());
    }

    private static void reportInDoubt(int inDoubt, IsoWeek week) {
        if (inDoubt > 0) {
            log.warn("{} sends of {} were in doubt after a sender died; they go again with the same Message-ID", inDoubt, week);
        }
    }

    private SendSummary summary(IsoWeek week, SendSummary.Outcome outcome, String detail, long editionId, int sentHere,
                                long start, long sendingNanos) {
        return new SendSummary(week, outcome, detail, ledger.counts(editionId), sentHere,
                Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(sendingNanos));
    }

    /** The workers of one send run and what they share. */
    private final class Run {
        private final Prepared prepared;
        private final RateLimiter rate;
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicInteger consecutiveErrors = new AtomicInteger();
        private final AtomicReference<String> pauseReason = new AtomicReference<>();
        private final AtomicBoolean operatorStopped = new AtomicBoolean();

        void leaseLost(String why) {
            log.error("Sending stops: {}", why);
            pauseReason.compareAndSet(null, why);
        }

        Run(Prepared prepared, RateLimiter rate) {
            this.prepared = prepared;
            this.rate = rate;
        }

        private boolean halted() {
            return stopRequested.get() || pauseReason.get() != null || operatorStopped.get();
        }

        void work(int connection) {
            new Worker(connection).work();
        }

        /** One sending thread with its own connection. */
        private final class Worker {
            /** The reader whose message went out but is not yet recorded as sent (recorded with the next start). */
            private long unrecorded = -1;
            private final int connection;
            private SendJournal journal;

            Worker(int connection) {
                this.connection = connection;
            }

            void work() {
                long editionId = prepared.record().id();
                Mailer.Session session = null;
                try {
                    journal = ledger.journal(processId, connection);
                    while (!halted()) {
                        checkpoint(editionId);
                        List<Long> batch = ledger.claim(editionId, processId);
                        if (batch.isEmpty()) {
                            DeliveryCounts counts = ledger.counts(editionId);
                            if (counts.pending() == 0 && counts.inFlight() == 0) {
                                return;
                            }
                            // Others are still sending: wait, and take back their work if they die.
                            sleep(250);
                            recover(prepared.record());
                            continue;
                        }
                        Map<Long, Subscriber> readers = subscribers.byIds(batch);
                        Map<Long, List<Bookmark>> bookmarks = subscribers.bookmarksOf(batch);
                        for (long id : batch) {
                            if (halted()) {
                                return; // the rest of the batch is released as unstarted
                            }
                            Subscriber s = readers.get(id);
                            if (s == null) {
                                continue; // deleted since the claim: released as unstarted at the end
                            }
                            boolean started = ledger.sentAndStart(editionId, processId, unrecorded, id);
                            unrecorded = -1;
                            if (!started && ledger.byId(editionId).status() != EditionStatus.SENDING) {
                                operatorStopped.set(true); // paused or cancelled: stop before the next message
                                return;
                            }
                            if (!started) {
                                continue;
                            }
                            WireCopy email = prepared.rendered().personalizeForWire(
                                    new Reader(id, s.email(), bookmarks.getOrDefault(id, List.of())), links);
                            OutgoingMessage message = composer.compose(prepared.headers(),
                                    composer.messageId(prepared.record().week(), id), s.email(), email);
                            journal.started(editionId, id);
                            session = deliver(editionId, id, message, session);
                        }
                    }
                } catch (RuntimeException e) {
                    log.error("Sender stopped by an unexpected error", e);
                    pauseReason.compareAndSet(null, "unexpected error: " + e.getMessage());
                } finally {
                    try {
                        recordSent(editionId);
                    } catch (RuntimeException e) {
                        log.warn("Could not record the last message sent: {}", e.getMessage());
                    } finally {
                        if (session != null) {
                            session.close();
                        }
                        closeJournal();
                    }
                }
            }

            /**
             * Between claims: what this connection recorded becomes durable and its journal starts
             * afresh (so it never holds more than a claim's worth), and the journals of senders that
             * died are replayed before anything more is claimed. (Had the database lost this
             * connection's records, the connection would have failed first: its records are put back
             * when it closes.)
             */
            private void checkpoint(long editionId) {
                recordSent(editionId);
                ledger.makeDurable();
                journal.clear();
                reportInDoubt(ledger.replayJournals(), prepared.record().week());
            }

            /** The journal goes once the ledger holds its records durably; otherwise it stays for the next sender. */
            private void closeJournal() {
                if (journal == null) {
                    return;
                }
                try {
                    ledger.makeDurable(journal, processId);
                } catch (RuntimeException e) {
                    log.warn("Send journal kept for the next sender: {}", e.getMessage());
                    journal.keep();
                    return;
                }
                journal.close();
            }

            private void recordSent(long editionId) {
                if (unrecorded >= 0) {
                    ledger.sent(editionId, processId, unrecorded);
                    unrecorded = -1;
                }
            }

            /** Sends one message, retrying temporary failures with exponential back-off; returns the session to reuse. */
            private Mailer.Session deliver(long editionId, long id, OutgoingMessage message, Mailer.Session session) {
                SendFailure last = null;
                for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
                    if (attempt > 1) {
                        sleep(config.retryBase().toMillis() << Math.min(attempt - 2, 16));
                    }
                    try {
                        if (session == null) {
                            session = mailer.open();
                        }
                        rate.acquire();
                        session.send(message);
                        unrecorded = id; // accepted: recorded whatever happens next
                        sent.incrementAndGet();
                        consecutiveErrors.set(0);
                        journal.sent(editionId, id);
                        return session;
                    } catch (SendFailure f) {
                        last = f;
                        if (f.permanent()) {
                            break;
                        }
                        if (session != null) {
                            session.close();
                            session = null;
                        }
                        log.debug("Temporary failure for reader {} (attempt {}): {}", id, attempt, f.getMessage());
                    }
                }
                if (last.kind() == SendFailure.Kind.CONNECTION) {
                    // Nothing is known against this reader: the relay is unreachable. Back to the queue;
                    // if the relay stays away, the consecutive errors below pause the edition.
                    ledger.release(editionId, processId, id, last.getMessage());
                    log.warn("Relay unreachable, reader {} goes back to the queue: {}", id, last.getMessage());
                } else {
                    // Only a refused recipient is a hard bounce; a refused message (size, policy) says nothing about the reader.
                    boolean bounce = last.kind() == SendFailure.Kind.RECIPIENT_REJECTED;
                    ledger.failed(editionId, processId, id, last.getMessage(), bounce);
                    log.warn("Delivery to reader {} failed{}: {}", id, bounce ? " (hard bounce)" : "", last.getMessage());
                }
                if (consecutiveErrors.incrementAndGet() >= config.maxConsecutiveErrors()) {
                    pauseReason.compareAndSet(null, config.maxConsecutiveErrors() + " failures in a row (send.max-consecutive-errors); "
                            + "last: " + last.getMessage());
                }
                return session;
            }
        }
    }

    /** The edition as a sample reader with a bookmark would get it, sending nothing (the operator's preview). */
    public DigestEmail preview(IsoWeek week) {
        Prepared prepared = prepare(week, false);
        return prepared.rendered().personalize(
                new Reader(0, "sample.reader@example.com", prepared.edition().sampleBookmarks()), links);
    }

    /** Sends one copy of the edition to an address, outside the ledger: the operator's test send. */
    public String sendTest(IsoWeek week, Subscriber asReader, String to) throws SendFailure {
        Prepared prepared = prepare(week, false);
        Reader reader = asReader == null
                ? new Reader(0, to, prepared.edition().sampleBookmarks())
                : new Reader(asReader.id(), asReader.email(), subscribers.bookmarks(asReader.id()));
        WireCopy email = prepared.rendered().personalizeForWire(reader, links);
        String messageId = "test-" + UUID.randomUUID() + "@" + composer.messageId(week, 0).replaceFirst(".*@", "");
        try (Mailer.Session session = mailer.open()) {
            session.send(composer.compose(prepared.headers(), messageId, to, email));
        }
        return messageId;
    }

    /** Renders and checks every reader's copy and sends nothing; returns how many copies were made. */
    public DryRun dryRun(IsoWeek week) {
        long start = System.nanoTime();
        Prepared prepared = prepare(week, false);
        int copies = 0;
        long bytes = 0;
        // Page by page, so a dry run over a million readers needs no more memory than a send.
        for (List<Subscriber> batch : subscribers.pages(SubscriberStatus.ACTIVE, 500)) {
            Map<Long, List<Bookmark>> bookmarks = subscribers.bookmarksOf(batch.stream().map(Subscriber::id).toList());
            for (Subscriber s : batch) {
                WireCopy email = prepared.rendered().personalizeForWire(
                        new Reader(s.id(), s.email(), bookmarks.getOrDefault(s.id(), List.of())), links);
                bytes += composer.compose(prepared.headers(), composer.messageId(week, s.id()), s.email(), email).data().length;
                copies++;
            }
        }
        return new DryRun(week, prepared.edition().comparisons().size(), copies, bytes,
                Duration.ofNanos(System.nanoTime() - start), prepared.rendered().subject());
    }

    /** The size in bytes of one reader's message of the edition (a reader with a bookmark). */
    public long sampleMessageBytes(IsoWeek week) {
        Prepared prepared = prepare(week, false);
        WireCopy email = prepared.rendered().personalizeForWire(
                new Reader(1, "reader1@example.com", prepared.edition().sampleBookmarks()), links);
        return composer.compose(prepared.headers(), composer.messageId(week, 1), "reader1@example.com", email).data().length;
    }

    /** What a dry run found. */
    public record DryRun(IsoWeek week, int comparisons, int copies, long bytes, Duration duration, String subject) {
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
