package com.verdictdigest.editions;

import static com.verdictdigest.store.Jdbc.update;

import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import com.verdictdigest.store.StoreException;
import com.verdictdigest.week.IsoWeek;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The editions' rows: one per week, with the comparisons it was planned with. A status changes here
 * only along {@link EditionStatus#next()}, and only from the status the caller saw, so a pause, a
 * cancel and a sender finishing can race without one undoing another. (Starting and finishing a
 * send are the delivery ledger's, guarded by the edition's deliveries.)
 */
public final class EditionStore {
    private static final NamedSql SQL = NamedSql.load("editions");
    /** A status change that keeps losing to others gives up after this many tries. */
    private static final int CHANGE_TRIES = 5;

    private final DataSource db;
    private final Clock clock;

    public EditionStore(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<EditionRecord> find(IsoWeek week) {
        return Jdbc.run(db, "read edition " + week, con -> Jdbc.first(con, SQL.get("find-edition"), EditionStore::edition,
                week.toString()));
    }

    public EditionRecord byId(long id) {
        return Jdbc.run(db, "read edition " + id, con -> Jdbc.first(con, SQL.get("edition-by-id"), EditionStore::edition, id))
                .orElseThrow(() -> new IllegalArgumentException("no edition " + id));
    }

    /** Every edition, newest week first. */
    public List<EditionRecord> all() {
        return Jdbc.run(db, "read editions", con -> Jdbc.list(con, SQL.get("all-editions"), EditionStore::edition));
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
        try {
            Jdbc.inTransaction(db, "plan edition " + week, con -> {
                long id;
                try (PreparedStatement ps = con.prepareStatement(SQL.get("insert-edition"), new String[] {"id"})) {
                    Jdbc.bind(ps, week.toString(), EditionStatus.PLANNED.word(), subject, comparisonSlugs.size(), moreCount, now());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        id = keys.getLong(1);
                    }
                }
                for (int i = 0; i < comparisonSlugs.size(); i++) {
                    update(con, SQL.get("insert-edition-comparison"), id, i, comparisonSlugs.get(i));
                }
                return id;
            });
        } catch (StoreException e) {
            rethrowUnlessRace(e);
        }
        return find(week).orElseThrow();
    }

    /** The slugs of the comparisons an edition was planned with, in their order. */
    public List<String> comparisonSlugs(long editionId) {
        return Jdbc.run(db, "read edition comparisons", con -> Jdbc.list(con, SQL.get("edition-comparisons"),
                rs -> rs.getString(1), editionId));
    }

    /**
     * Moves an edition from the status the caller saw to another.
     *
     * @return false when the edition is no longer in {@code from}
     * @throws IllegalArgumentException when {@code from} may not become {@code to}
     */
    public boolean change(long editionId, EditionStatus from, EditionStatus to, String reason) {
        if (!from.canBecome(to)) {
            throw new IllegalArgumentException("an edition " + from.word() + " cannot become " + to.word());
        }
        return Jdbc.run(db, "change edition status", con -> update(con, SQL.get("change-edition-status"), to.word(), reason,
                editionId, from.word())) == 1;
    }

    /**
     * Moves an edition to {@code to} from whatever status it has now, if that one may become it.
     *
     * @return whether it changed
     */
    public boolean move(long editionId, EditionStatus to, String reason) {
        for (int i = 0; i < CHANGE_TRIES; i++) {
            EditionStatus now = byId(editionId).status();
            if (!now.canBecome(to)) {
                return false;
            }
            if (change(editionId, now, to, reason)) {
                return true;
            }
        }
        return false;
    }

    /** Records a week as skipped (a schedule run missed past its catch-up window), unless it already has an edition. */
    public void skipWeek(IsoWeek week, String reason) {
        if (find(week).isPresent()) {
            return;
        }
        try {
            Jdbc.run(db, "skip edition", con -> update(con, SQL.get("insert-skipped-edition"), week.toString(),
                    "Week " + week.week() + ": not sent", reason, now()));
        } catch (StoreException e) {
            rethrowUnlessRace(e);
        }
    }

    /** Another process inserted the same week a moment earlier: not a failure. */
    private static void rethrowUnlessRace(StoreException e) {
        if (!(e.getCause() instanceof SQLException sql && Jdbc.isConstraintViolation(sql))) {
            throw e;
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
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
