package com.verdictdigest.delivery;

import static com.verdictdigest.store.Jdbc.update;

import com.verdictdigest.editions.EditionStatus;
import com.verdictdigest.store.DiskWrite;
import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The delivery records of editions: one per reader of an edition's audience. Every state change of
 * a delivery is a single guarded UPDATE (it names the state it leaves), so two processes working on
 * one edition can never both take the same reader, and a crash leaves each record in a state that
 * says exactly what is known. Starting and finishing a send also move the edition's status (to
 * sending, to sent), guarded by its deliveries, so they live here beside them.
 */
public final class DeliveryLedger {
    private static final NamedSql SQL = NamedSql.load("delivery");

    private final DataSource db;
    private final Clock clock;
    private final Path journals;

    /**
     * @param journals the folder of the sending connections' journals ({@link SendJournal}); it
     *                 belongs to this database and must be on the machine of every process using it
     */
    public DeliveryLedger(DataSource db, Clock clock, Path journals) {
        this.db = db;
        this.clock = clock;
        this.journals = journals;
    }

    /** Starts the journal of one sending connection of this process. */
    SendJournal journal(String processId, int connection) {
        return SendJournal.open(journals, processId, connection);
    }

    /**
     * Puts back what the database lost when a sending process died: for each journal it left, the
     * messages it saw accepted are recorded as sent, the one it saw start is in doubt, and the rest of
     * its records go back to the queue. The journals are deleted once that is durable.
     *
     * @return how many sends were found in doubt
     */
    public int replayJournals() {
        int inDoubt = 0;
        for (SendJournal.Orphan orphan : SendJournal.orphans(journals)) {
            inDoubt += Jdbc.inTransaction(db, "replay a send journal", con -> {
                Timestamp now = now();
                int doubts = 0;
                for (var entry : orphan.accepted().entrySet()) {
                    long edition = entry.getKey().editionId();
                    long reader = entry.getKey().readerId();
                    if (entry.getValue()) {
                        update(con, SQL.get("replay-sent"), orphan.processId(), now, edition, reader, orphan.processId());
                    } else {
                        doubts += update(con, SQL.get("replay-started"), now, edition, reader, orphan.processId());
                    }
                }
                update(con, SQL.get("recover-process-claimed"), now, orphan.processId());
                doubts += update(con, SQL.get("recover-process-sending"), now, orphan.processId());
                update(con, SQL.get("unregister-process"), orphan.processId());
                return doubts;
            });
            makeDurable();
            orphan.delete();
        }
        return inDoubt;
    }

    /**
     * Makes everything this connection recorded durable, so its journal can start afresh; first
     * puts back what its journal saw accepted, in case the database lost it (when the process
     * hosting an embedded database for others dies, their last commits go with it).
     */
    void makeDurable(SendJournal journal, String processId) {
        Jdbc.inTransaction(db, "record what the send journal saw", con -> {
            Timestamp now = now();
            for (var entry : journal.accepted().entrySet()) {
                if (entry.getValue()) {
                    update(con, SQL.get("replay-sent"), processId, now, entry.getKey().editionId(), entry.getKey().readerId(), processId);
                }
            }
            return 0;
        });
        makeDurable();
    }

    /** Makes every commit so far survive the death of this process ({@link DiskWrite}). */
    public void makeDurable() {
        run("write the database to disk", con -> {
            DiskWrite.now(con);
            return 0;
        });
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /**
     * Marks the edition as sending and, the first time only, fixes its audience: one pending record
     * per active reader. Done under a lock on the edition row, so a second process arriving at the
     * same moment waits and then finds the audience already fixed.
     *
     * @param resumePaused whether a paused edition may be resumed by this call (the operator's explicit
     *                     send) or must stay paused (the schedule, another trigger)
     * @return false when the edition is final (sent, skipped, cancelled) or stays paused
     */
    public boolean startSending(long editionId, boolean resumePaused) {
        boolean started = Jdbc.inTransaction(db, "start sending edition " + editionId, con -> {
            record Locked(EditionStatus status, boolean audienceFixed) {
            }
            Locked edition = Jdbc.first(con, SQL.get("lock-edition"),
                    rs -> new Locked(EditionStatus.of(rs.getString(1)), rs.getObject(2) != null), editionId)
                    .orElseThrow(() -> new IllegalArgumentException("no edition " + editionId));
            if (edition.status().isFinal() || edition.status() == EditionStatus.PAUSED && !resumePaused) {
                return false;
            }
            if (!edition.audienceFixed()) {
                int audience = update(con, SQL.get("fix-audience"), editionId, now());
                update(con, SQL.get("set-audience"), audience, editionId);
            }
            update(con, SQL.get("start-edition"), now(), editionId);
            return true;
        });
        if (started) {
            makeDurable(); // the audience is on disk before any message goes out: journals name its records
        }
        return started;
    }

    /** Marks the edition sent if it is still sending and nobody is left to send to; false otherwise. */
    public boolean finish(long editionId) {
        return run("finish edition", con -> update(con, SQL.get("finish-edition"), now(), editionId)) > 0;
    }

    /** Takes up to 50 pending readers for this process; other processes skip the rows it has locked. */
    public List<Long> claim(long editionId, String processId) {
        return Jdbc.inTransaction(db, "claim deliveries", con -> {
            List<Long> claimed = new ArrayList<>();
            Timestamp now = now();
            for (long id : Jdbc.list(con, SQL.get("pending-batch"), rs -> rs.getLong(1), editionId)) {
                if (update(con, SQL.get("claim"), processId, now, editionId, id) == 1) {
                    claimed.add(id);
                }
            }
            return claimed;
        });
    }

    /**
     * Records the last send as done and starts the next in one transaction: one commit per message,
     * and still never more than one send per connection whose outcome a crash could lose. After the
     * start and before the send is recorded, a crash leaves the delivery "in doubt".
     *
     * @param sentBefore the reader whose message just went out, or -1
     * @return whether the send to {@code next} may start (false: the reader left and was skipped, or
     *         the edition is no longer sending)
     */
    public boolean sentAndStart(long editionId, String processId, long sentBefore, long next) {
        return Jdbc.inTransaction(db, "record send", con -> {
            Timestamp now = now();
            if (sentBefore >= 0) {
                update(con, SQL.get("mark-sent"), now, editionId, sentBefore, processId);
            }
            boolean started = update(con, SQL.get("start-sending"), now, editionId, next) == 1;
            if (!started) {
                update(con, SQL.get("mark-skipped"), now, editionId, next);
            }
            return started;
        });
    }

    /**
     * Records the last send as done and this reader as skipped, for the reason their preferences
     * give, in one transaction.
     *
     * @return false when the edition is no longer sending (nothing recorded for {@code next})
     */
    public boolean sentAndSkip(long editionId, String processId, long sentBefore, long next, String reason) {
        return Jdbc.inTransaction(db, "record skip", con -> {
            Timestamp now = now();
            if (sentBefore >= 0) {
                update(con, SQL.get("mark-sent"), now, editionId, sentBefore, processId);
            }
            return update(con, SQL.get("mark-skipped-by-choice"), now, reason, editionId, next) == 1;
        });
    }

    /** How many readers were skipped, by reason ({@code left}, {@code paused}, {@code nothing-followed}...). */
    public Map<String, Integer> skipReasons(long editionId) {
        Map<String, Integer> reasons = new TreeMap<>();
        Jdbc.run(db, "count skipped deliveries", con -> Jdbc.list(con, SQL.get("skip-reasons"),
                rs -> reasons.put(rs.getString(1) == null ? "left" : rs.getString(1), rs.getInt(2)), editionId));
        return reasons;
    }

    /** The moment preferences are read at (a pause ends at a moment). */
    Instant currentTime() {
        return clock.instant();
    }

    public void sent(long editionId, String processId, long subscriberId) {
        run("record sent", con -> update(con, SQL.get("mark-sent"), now(), editionId, subscriberId, processId));
    }

    /** A permanent failure of this delivery (recorded only while this process holds the send). */
    public void failed(long editionId, String processId, long subscriberId, String error) {
        run("record failure", con -> update(con, SQL.get("mark-failed"), truncate(error), now(), editionId, subscriberId, processId));
    }

    /** A temporary failure after its last attempt in this round: back to pending for a later round. */
    public void release(long editionId, String processId, long subscriberId, String error) {
        run("release delivery", con -> update(con, SQL.get("release"), truncate(error), now(), editionId, subscriberId, processId));
    }

    public void releaseUnstarted(long editionId, String processId) {
        run("release claimed deliveries", con -> update(con, SQL.get("release-unstarted"), now(), editionId, processId));
    }

    /**
     * Takes back the work of processes whose heartbeat stopped before {@code aliveSince}: claimed
     * records go back to pending, records whose send had started become pending and in doubt.
     *
     * @return how many sends were found in doubt
     */
    public int recover(long editionId, Instant aliveSince) {
        Timestamp alive = Timestamp.from(aliveSince);
        return run("recover deliveries", con -> {
            update(con, SQL.get("recover-claimed"), now(), editionId, alive);
            return update(con, SQL.get("recover-sending"), now(), editionId, alive);
        });
    }

    public DeliveryCounts counts(long editionId) {
        int[] byStatus = new int[6];
        Jdbc.run(db, "count deliveries", con -> Jdbc.list(con, SQL.get("delivery-counts"), rs -> {
            int n = rs.getInt(2);
            byStatus[5] += rs.getInt(3);
            byStatus[switch (rs.getString(1)) {
                case "pending" -> 0;
                case "claimed", "sending" -> 1;
                case "sent" -> 2;
                case "failed" -> 3;
                case "skipped" -> 4;
                default -> throw new IllegalStateException(rs.getString(1));
            }] += n;
            return n;
        }, editionId));
        return new DeliveryCounts(byStatus[0], byStatus[1], byStatus[2], byStatus[3], byStatus[4], byStatus[5]);
    }

    private int run(String what, Jdbc.Work<Integer> work) {
        return Jdbc.run(db, what, work);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
