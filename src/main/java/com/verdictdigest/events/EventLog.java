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

/** Records every subscribe, confirm, unsubscribe, resubscribe, bookmark, bookmark removal, bounce (hard or soft) and complaint. */
public final class EventLog {
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

    public List<Event> list(IsoWeek edition) {
        try (Connection con = db.getConnection();
             PreparedStatement ps = con.prepareStatement(SQL.get(edition == null ? "events" : "events-of-edition"))) {
            if (edition != null) {
                bind(ps, edition.toString());
            }
            List<Event> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
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
