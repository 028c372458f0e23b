package com.verdictdigest.events;

import static com.verdictdigest.store.Jdbc.bind;
import static com.verdictdigest.store.Jdbc.update;

import com.verdictdigest.store.NamedSql;
import com.verdictdigest.store.StoreException;
import com.verdictdigest.week.IsoWeek;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Records every subscribe, confirm, unsubscribe, resubscribe, bookmark, bookmark removal, bounce (hard
 * or soft), complaint and erasure. An erased reader's events stay, with no reader.
 */
public final class EventLog {
    /** Who an event of an erased reader, or an erasure, is listed as. */
    public static final String ERASED = "(erased)";
    private static final NamedSql SQL = NamedSql.load("events");

    private final DataSource db;
    private final Clock clock;

    public EventLog(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(long subscriberId, EventKind kind, EventSource source, IsoWeek edition, String tool) {
        try (Connection con = db.getConnection()) {
            record(con, subscriberId, kind, source, edition, tool);
        } catch (SQLException e) {
            throw new StoreException("cannot record event: " + e.getMessage(), e);
        }
    }

    /** Records on the caller's connection, inside the caller's transaction. */
    public void record(Connection con, long subscriberId, EventKind kind, EventSource source, IsoWeek edition, String tool)
            throws SQLException {
        update(con, SQL.get("insert-event"), subscriberId, kind.word(), source.word(),
                edition == null ? null : edition.toString(), tool, Timestamp.from(clock.instant()));
    }

    /**
     * Records an event that names no reader (an erasure: the operator counts them, of nobody), on the
     * caller's connection, inside the caller's transaction.
     *
     * @return the event's id
     */
    public long recordAnonymous(Connection con, EventKind kind, EventSource source) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(SQL.get("insert-anonymous-event"), new String[] {"id"})) {
            bind(ps, kind.word(), source.word(), Timestamp.from(clock.instant()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Every event (of {@code edition} only, unless null); an erased reader's are listed as {@link #ERASED}'s. */
    public List<Event> list(IsoWeek edition) {
        try (Connection con = db.getConnection();
             PreparedStatement ps = con.prepareStatement(SQL.get(edition == null ? "events" : "events-of-edition"))) {
            if (edition != null) {
                bind(ps, edition.toString());
            }
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String email = rs.getString(2);
                    events.add(new Event(rs.getLong(1), email == null ? ERASED : email, rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new StoreException("cannot read events: " + e.getMessage(), e);
        }
    }

    /** Per edition, how many of each kind of event its emails led to. */
    public Map<String, Map<String, Integer>> countsPerEdition() {
        return perEdition("counts-per-edition");
    }

    /**
     * Per edition, how many readers had each kind of event from it, each reader once per kind: the
     * figure behind a rate (two soft bounces of one reader's copy are one reader whose copy bounced).
     */
    public Map<String, Map<String, Integer>> readersPerEdition() {
        return perEdition("readers-per-edition");
    }

    private Map<String, Map<String, Integer>> perEdition(String statement) {
        try (Connection con = db.getConnection();
             PreparedStatement ps = con.prepareStatement(SQL.get(statement));
             ResultSet rs = ps.executeQuery()) {
            Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
            while (rs.next()) {
                counts.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getInt(3));
            }
            return counts;
        } catch (SQLException e) {
            throw new StoreException("cannot count events: " + e.getMessage(), e);
        }
    }
}
