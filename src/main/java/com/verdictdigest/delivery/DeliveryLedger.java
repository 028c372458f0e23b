package com.verdictdigest.delivery;

import static com.verdictdigest.store.Jdbc.bind;
import static com.verdictdigest.store.Jdbc.update;

import com.verdictdigest.digest.IsoWeek;
import com.verdictdigest.store.DiskWrite;
import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import com.verdictdigest.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Editions and their delivery records. Every state change of a delivery is a single guarded UPDATE
 * (it names the state it leaves), so two processes working on one edition can never both take the
 * same reader, and a crash leaves each record in a state that says exactly what is known.
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

    public Optional<EditionRecord> find(IsoWeek week) {
        try (Connection con = db.getConnection(); PreparedStatement ps = con.prepareStatement(SQL.get("find-edition"))) {
            bind(ps, week.toString());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(edition(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read edition " + week, e);
        }
    }

    public List<EditionRecord> all() {
        try (Connection con = db.getConnection(); PreparedStatement ps = con.prepareStatement(SQL.get("all-editions"));
             ResultSet rs = ps.executeQuery()) {
            List<EditionRecord> result = new ArrayList<>();
            while (rs.next()) {
                result.add(edition(rs));
            }
            return result;
        } catch (SQLException e) {
            throw failure("read editions", e);
        }
    }

    /**
     * The edition of a week, created as planned with its comparisons on first call. The week is
     * unique, so when two processes plan the same week at once one insert fails and both read the
     * one edition that exists.
     */
    public EditionRecord plan(IsoWeek week, String subject, List<String> comparisonSlugs, int moreCount) {
        Optional<EditionRecord> existing = find(week);
        if (existing.isPresent()) {
            return existing.get();
        }
        try (Connection con = db.getConnection()) {
            con.setAutoCommit(false);
            try (PreparedStatement ps = con.prepareStatement(SQL.get("insert-edition"), new String[] {"id"})) {
                bind(ps, week.toString(), EditionStatus.PLANNED.word(), subject, comparisonSlugs.size(), moreCount, now());
                ps.executeUpdate();
                long id;
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
                for (int i = 0; i < comparisonSlugs.size(); i++) {
                    update(con, SQL.get("insert-edition-comparison"), id, i, comparisonSlugs.get(i));
                }
                con.commit();
            } catch (SQLException e) {
                con.rollback();
                if (!isUniqueViolation(e)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw failure("plan edition " + week, e);
        }
        return find(week).orElseThrow();
    }

    public List<String> comparisonSlugs(long editionId) {
        try (Connection con = db.getConnection();
             PreparedStatement ps = con.prepareStatement(SQL.get("edition-comparisons"))) {
            bind(ps, editionId);
            List<String> slugs = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    slugs.add(rs.getString(1));
                }
            }
            return slugs;
        } catch (SQLException e) {
            throw failure("read edition comparisons", e);
        }
    }

    /**
     * Marks the edition as sending and, the first time only, fixes its audience: one pending record
     * per active reader. Done under a lock on the edition row, so a second process arriving at the
     * same moment waits and then finds the audience already fixed.
     *
     * @param resumePaused whether a paused edition may be resumed by this call (the operator's explicit
     *                     send) or must stay paused (the schedule, another trigger)
     * @return the edition after the change, or empty when it is final (sent, skipped, cancelled) or paused
     */
    public Optional<EditionRecord> startSending(long editionId, boolean resumePaused) {
        try (Connection con = db.getConnection()) {
            con.setAutoCommit(false);
            try {
                EditionRecord edition;
                try (PreparedStatement ps = con.prepareStatement(SQL.get("lock-edition"))) {
                    bind(ps, editionId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        edition = edition(rs);
                    }
                }
                if (edition.status().isFinal() || (edition.status() == EditionStatus.PAUSED && !resumePaused)) {
                    con.rollback();
                    return Optional.empty();
                }
                if (edition.audience() == null) {
                    int audience = update(con, SQL.get("fix-audience"), editionId, now());
                    update(con, SQL.get("set-audience"), audience, editionId);
                }
                update(con, SQL.get("start-edition"), now(), editionId);
                con.commit();
            } catch (SQLException | RuntimeException e) {
                con.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("start sending edition " + editionId, e);
        }
        makeDurable(); // the audience is on disk before any message goes out: journals name its records
        return Optional.of(byId(editionId));
    }

    public EditionRecord byId(long id) {
        try (Connection con = db.getConnection(); PreparedStatement ps = con.prepareStatement(SQL.get("edition-by-id"))) {
            bind(ps, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no edition " + id);
                }
                return edition(rs);
            }
        } catch (SQLException e) {
            throw failure("read edition " + id, e);
        }
    }

    /**
     * The operator's lifecycle change: to {@code to} only from one of {@code from}.
     *
     * @return whether it changed
     */
    public boolean changeStatus(long editionId, EditionStatus to, String reason, EditionStatus from1, EditionStatus from2) {
        return run("change edition status", con -> update(con, SQL.get("change-edition-status"), to.word(), reason,
                editionId, from1.word(), from2.word())) == 1;
    }

    /** Records a week as skipped (a schedule run missed past its catch-up window), unless it already has an edition. */
    public void skipWeek(IsoWeek week, String reason) {
        if (find(week).isPresent()) {
            return;
        }
        try {
            run("skip edition", con -> update(con, SQL.get("insert-skipped-edition"), week.toString(),
                    "Week " + week.week() + ": not sent", reason, now()));
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException sql && isUniqueViolation(sql))) {
                throw e;
            }
        }
    }

    /** Marks the edition sent if it is still sending; false when another process already did or it was paused. */
    public boolean finish(long editionId) {
        return run("finish edition", con -> update(con, SQL.get("finish-edition"), now(), editionId)) > 0;
    }

    /** Takes up to 50 pending readers for this process; other processes skip the rows it has locked. */
    public List<Long> claim(long editionId, String processId) {
        try (Connection con = db.getConnection()) {
            con.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement ps = con.prepareStatement(SQL.get("pending-batch"))) {
                    bind(ps, editionId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
                List<Long> claimed = new ArrayList<>();
                Timestamp now = now();
                for (long id : ids) {
                    if (update(con, SQL.get("claim"), processId, now, editionId, id) == 1) {
                        claimed.add(id);
                    }
                }
                con.commit();
                return claimed;
            } catch (SQLException | RuntimeException e) {
                con.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("claim deliveries", e);
        }
    }

    /**
     * Records that the send to this reader starts now, if the reader is still active. After this
     * and before {@link #sent}, a crash leaves the delivery "in doubt".
     *
     * @return false when the reader left (unsubscribed, bounced): the delivery is then skipped
     */
    public boolean startSend(long editionId, long subscriberId) {
        return run("record send start", con -> {
            if (update(con, SQL.get("start-sending"), now(), editionId, subscriberId) == 1) {
                return 1;
            }
            update(con, SQL.get("mark-skipped"), now(), editionId, subscriberId);
            return 0;
        }) == 1;
    }

    /**
     * Records the last send as done and starts the next in one transaction: one commit per message,
     * and still never more than one send per connection whose outcome a crash could lose.
     *
     * @param sentBefore the reader whose message just went out, or -1
     * @return whether the send to {@code next} may start (false: the reader left and was skipped)
     */
    public boolean sentAndStart(long editionId, String processId, long sentBefore, long next) {
        if (sentBefore < 0) {
            return startSend(editionId, next);
        }
        try (Connection con = db.getConnection()) {
            con.setAutoCommit(false);
            try {
                Timestamp now = now();
                update(con, SQL.get("mark-sent"), now, editionId, sentBefore, processId);
                boolean started = update(con, SQL.get("start-sending"), now, editionId, next) == 1;
                if (!started) {
                    update(con, SQL.get("mark-skipped"), now, editionId, next);
                }
                con.commit();
                return started;
            } catch (SQLException | RuntimeException e) {
                con.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("record send", e);
        }
    }

    public void sent(long editionId, String processId, long subscriberId) {
        run("record sent", con -> update(con, SQL.get("mark-sent"), now(), editionId, subscriberId, processId));
    }

    /** A permanent failure: the delivery failed and, when it was the recipient that was refused, the reader bounced. */
    public void failed(long editionId, String processId, long subscriberId, String error, boolean hardBounce) {
        run("record failure", con -> {
            int changed = update(con, SQL.get("mark-failed"), truncate(error), now(), editionId, subscriberId, processId);
            if (hardBounce && changed == 1) {
                update(con, SQL.get("mark-bounced"), subscriberId);
            }
            return 0;
        });
    }

    /** A temporary failure after its last attempt in this round: back to pending for a later round. */
    public void release(long editionId, String processId, long subscriberId, String error) {
        run("release delivery", con -> update(con, SQL.get("release"), truncate(error), now(), editionId, subscriberId, processId));
    }

    public void releaseUnstarted(long editionId, String processId) {
        run("release claimed deliveries", con -> update(con, SQL.get("release-unstarted"), now(), editionId, processId));
    }

    /**
     * Takes back the work of processes whose heartbeat stopped: claimed records go back to pending,
     * records whose send had started become pending and in doubt.
     *
     * @return how many sends were found in doubt
     */
    public int recover(long editionId, Duration lease) {
        Timestamp alive = Timestamp.from(databaseNow().minus(lease));
        return run("recover deliveries", con -> {
            update(con, SQL.get("recover-claimed"), now(), editionId, alive);
            return update(con, SQL.get("recover-sending"), now(), editionId, alive);
        });
    }

    public DeliveryCounts counts(long editionId) {
        int pending = 0;
        int inFlight = 0;
        int sent = 0;
        int failed = 0;
        int skipped = 0;
        int inDoubt = 0;
        try (Connection con = db.getConnection(); PreparedStatement ps = con.prepareStatement(SQL.get("delivery-counts"))) {
            bind(ps, editionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(2);
                    inDoubt += rs.getInt(3);
                    switch (rs.getString(1)) {
                        case "pending" -> pending += n;
                        case "claimed", "sending" -> inFlight += n;
                        case "sent" -> sent += n;
                        case "failed" -> failed += n;
                        case "skipped" -> skipped += n;
                        default -> throw new IllegalStateException(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("count deliveries", e);
        }
        return new DeliveryCounts(pending, inFlight, sent, failed, skipped, inDoubt);
    }

    public void registerProcess(String processId) {
        run("register sender", con -> update(con, SQL.get("register-process"), processId));
    }

    /**
     * Renews this process's lease.
     *
     * @return false when the process is no longer registered (it was taken for dead): it must stop sending
     */
    public boolean heartbeat(String processId, Duration lease) {
        Timestamp forgotten = Timestamp.from(databaseNow().minus(lease.multipliedBy(10)));
        return run("heartbeat", con -> {
            int alive = update(con, SQL.get("heartbeat"), processId);
            update(con, SQL.get("forget-dead-processes"), forgotten);
            return alive;
        }) == 1;
    }

    /** The database's clock: the one all senders share for leases. */
    private Instant databaseNow() {
        try (Connection con = db.getConnection(); PreparedStatement ps = con.prepareStatement(SQL.get("database-now"));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        } catch (SQLException e) {
            throw failure("read the database clock", e);
        }
    }

    public void unregisterProcess(String processId) {
        run("unregister sender", con -> update(con, SQL.get("unregister-process"), processId));
    }

    private int run(String what, Jdbc.Work work) {
        return Jdbc.run(db, what, work);
    }

    private static StoreException failure(String what, SQLException e) {
        return new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }

    private static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState()) || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }

    private static EditionRecord edition(ResultSet rs) throws SQLException {
        int audience = rs.getInt("audience");
        Integer audienceOrNull = rs.wasNull() ? null : audience;
        return new EditionRecord(rs.getLong("id"), IsoWeek.parse(rs.getString("week")),
                EditionStatus.of(rs.getString("status")), rs.getString("subject"), rs.getInt("comparisons"),
                rs.getInt("more_count"), audienceOrNull, rs.getString("status_reason"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
