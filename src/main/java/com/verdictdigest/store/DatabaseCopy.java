package com.verdictdigest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Copies every row of the site's data from one database into an empty one of the same schema
 * (the way off the embedded H2 default onto PostgreSQL): in one transaction on the target, so a
 * failure leaves it empty, with each table's rows counted on both sides before it commits. Ids are
 * kept, so links in mails already sent still name the same readers, tools and editions.
 */
public final class DatabaseCopy {
    /**
     * The tables that hold data, parents before children. Not copied: Quartz's tables and the
     * senders' leases, which a node writes afresh when it starts.
     */
    static final List<String> TABLES = List.of("tool", "comparison", "comparison_tool", "review", "subscriber", "bookmark", "preference",
            "edition", "edition_comparison", "delivery", "event", "report", "vote", "suppression", "verdict_change", "reader_alert");
    /** Tables whose id the database generates: the target's next id must come after the copied ones. */
    private static final List<String> GENERATED_IDS = List.of("tool", "comparison", "subscriber", "edition", "event", "report",
            "vote", "verdict_change");
    private static final int BATCH = 1_000;
    /** A sender heartbeats several times a lease; one silent this long is gone. */
    private static final Duration LIVE_SENDER = Duration.ofMinutes(2);

    private DatabaseCopy() {
    }

    /** One table's rows in the source and, after the copy, in the target. */
    public record Count(String table, long source, long target) {
    }

    /**
     * @throws StoreException when a sender is running on the source, the target already holds data,
     *                        or the counts differ (then nothing is written)
     */
    public static List<Count> copy(Database from, Database to) {
        try (Connection source = from.connection(); Connection target = to.connection()) {
            if (liveSenders(source) > 0) {
                throw new StoreException("cannot copy: an edition is being sent from the source database; stop every node first", null);
            }
            for (String table : TABLES) {
                if (count(target, table) > 0) {
                    throw new StoreException("cannot copy: the target database already holds data (table " + table
                            + "); copy only into an empty database", null);
                }
            }
            source.setAutoCommit(false);
            source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one view of the source for the whole copy
            target.setAutoCommit(false);
            try {
                List<Count> counts = new ArrayList<>();
                for (String table : TABLES) {
                    copyTable(source, target, table);
                    counts.add(new Count(table, count(source, table), count(target, table)));
                }
                for (String table : GENERATED_IDS) {
                    restartIds(target, table);
                }
                List<Count> differing = counts.stream().filter(c -> c.source() != c.target()).toList();
                if (!differing.isEmpty()) {
                    throw new StoreException("cannot copy: the counts differ, nothing was written: " + differing, null);
                }
                target.commit();
                return counts;
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                throw e;
            } finally {
                source.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot copy the database: " + e.getMessage(), e);
        }
    }

    private static void copyTable(Connection source, Connection target, String table) throws SQLException {
        try (Statement st = source.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            int columns = meta.getColumnCount();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                names.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(columns, "?")) + ")";
            try (PreparedStatement ps = target.prepareStatement(insert)) {
                int pending = 0;
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        ps.setObject(i, rs.getObject(i));
                    }
                    ps.addBatch();
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
        }
    }

    private static void restartIds(Connection target, String table) throws SQLException {
        long next = 1;
        try (Statement st = target.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(id) FROM " + table)) {
            if (rs.next()) {
                next = rs.getLong(1) + 1;
            }
        }
        try (Statement st = target.createStatement()) {
            // Both engines take this standard form; the number is ours, not input.
            st.execute("ALTER TABLE " + table + " ALTER COLUMN id RESTART WITH " + next);
        }
    }

    /** Senders whose heartbeat is recent: one killed long ago leaves a row that counts for nothing. */
    private static long liveSenders(Connection con) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement("SELECT COUNT(*) FROM sender_process WHERE heartbeat_at > ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minus(LIVE_SENDER)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long count(Connection con, String table) throws SQLException {
        try (Statement st = con.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
