package com.verdictdigest.alerts;

import com.verdictdigest.catalog.ChangeKind;
import com.verdictdigest.catalog.Verdict;
import com.verdictdigest.store.DiskWrite;
import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import com.verdictdigest.store.StoreException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;

/**
 * The alerts' ledger ({@code reader_alert}): which reader was alerted on which day, up to which
 * change. As the digest's ledger, it records a send as started, durably, before the message goes
 * out, and its outcome after; unlike the digest, a send left in doubt by a crash is never sent
 * again (an alert is news of the moment: one lost is better than one told twice).
 */
final class AlertLedger {
    private static final NamedSql SQL = NamedSql.load("alerts");

    private final DataSource db;

    AlertLedger(DataSource db) {
        this.db = db;
    }

    /** A reader due an alert. */
    record DueReader(long id, String email) {
    }

    /**
     * Active readers with alerts on, a change on their bookmarks since {@code windowStart} not yet
     * told, and no alert on {@code day} nor since {@code dayAgo}, after reader {@code afterId}, in id order.
     */
    List<DueReader> due(Instant windowStart, Instant dayAgo, LocalDate day, long afterId, int limit) {
        return Jdbc.run(db, "read the readers due an alert", con -> Jdbc.list(con, SQL.get("due-readers"),
                rs -> new DueReader(rs.getLong(1), rs.getString(2)),
                afterId, Timestamp.from(windowStart), Timestamp.from(dayAgo), day, limit));
    }

    /** The changes on a reader's bookmarks since {@code windowStart} that no alert of theirs told, oldest first. */
    List<VerdictChange> changesFor(long readerId, Instant windowStart) {
        return Jdbc.run(db, "read reader " + readerId + "'s changes", con -> Jdbc.list(con, SQL.get("changes-for-reader"),
                rs -> new VerdictChange(rs.getLong(1), ChangeKind.of(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6) == null ? null : Verdict.of(rs.getString(6)), Verdict.of(rs.getString(7))),
                readerId, Timestamp.from(windowStart), readerId));
    }

    /**
     * Records the alert as sending, durably (it must outlive this process before the relay sees the
     * message). False when the reader left meanwhile, or already has their alert of the day.
     */
    boolean claim(Alert alert, Instant now) {
        boolean claimed;
        try {
            claimed = Jdbc.inTransaction(db, "claim reader " + alert.readerId() + "'s alert", con ->
                    Jdbc.first(con, SQL.get("lock-reader"), rs -> true, alert.readerId()).isPresent()
                    && Jdbc.update(con, SQL.get("claim"), alert.day(), alert.throughChange(), alert.changes().size(),
                            Timestamp.from(now), alert.readerId(), Timestamp.from(now.minus(Duration.ofHours(24))),
                            alert.changes().get(0).id()) == 1);
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && Jdbc.isConstraintViolation(sql)) {
                return false; // another process claimed this reader's alert of the day first
            }
            throw e;
        }
        if (claimed) {
            Jdbc.run(db, "write the alerts' ledger to disk", con -> {
                DiskWrite.now(con);
                return null;
            });
        }
        return claimed;
    }

    void sent(Alert alert, Instant now) {
        Jdbc.run(db, "record reader " + alert.readerId() + "'s alert as sent",
                con -> Jdbc.update(con, SQL.get("sent"), Timestamp.from(now), alert.readerId(), alert.day()));
    }

    void failed(Alert alert, String error, Instant now) {
        String shortError = error == null ? "" : error.substring(0, Math.min(error.length(), 1000));
        Jdbc.run(db, "record reader " + alert.readerId() + "'s alert as failed",
                con -> Jdbc.update(con, SQL.get("failed"), shortError, Timestamp.from(now), alert.readerId(), alert.day()));
    }

    /** Forgets a claim whose message never reached the relay: the reader is due again at the next pass. */
    void release(Alert alert) {
        Jdbc.run(db, "release reader " + alert.readerId() + "'s alert",
                con -> Jdbc.update(con, SQL.get("release"), alert.readerId(), alert.day()));
    }

    /** Alerts claimed before {@code before} and still sending: their process died. Recorded as failed; the count. */
    int closeInDoubt(Instant before, Instant now) {
        return Jdbc.run(db, "close the alerts in doubt", con -> Jdbc.update(con, SQL.get("in-doubt"),
                "in doubt: the sending process stopped before recording the outcome; not sent again",
                Timestamp.from(now), Timestamp.from(before)));
    }
}
