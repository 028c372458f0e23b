package com.verdictdigest.bounces;

import com.verdictdigest.store.DiskWrite;
import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import com.verdictdigest.week.IsoWeek;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The reports read, and what the delivery ledger says about the copies they name. */
public final class ReportStore {
    private static final NamedSql SQL = NamedSql.load("bounces");
    /** Control characters other than tab, line feed and carriage return. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
    /** The most of an unrecognized message kept for the operator to read. */
    static final int MAX_KEPT_CHARS = 65_536;

    private final DataSource db;

    public ReportStore(DataSource db) {
        this.db = db;
    }

    /** Whether a message with this fingerprint was read before (then it changes nothing again). */
    boolean seen(Connection con, String fingerprint) throws SQLException {
        return Jdbc.first(con, SQL.get("seen"), rs -> true, fingerprint).isPresent();
    }

    /** Records a message read, in the transaction of what it caused. */
    void record(Connection con, ParsedReport report, ReportOrigin origin, Instant at, String summary, byte[] message)
            throws SQLException {
        String kept = null;
        if (report.kind() == ReportKind.UNRECOGNIZED) {
            kept = new String(message, 0, Math.min(message.length, MAX_KEPT_CHARS), StandardCharsets.UTF_8);
        }
        Jdbc.update(con, SQL.get("insert-report"), report.fingerprint(), Timestamp.from(at), origin.word(), report.kind().word(),
                cut(report.from(), 320), cut(report.subject(), 300), cut(summary, 4000), cut(kept, MAX_KEPT_CHARS));
    }

    /** Makes the commits so far survive this process (see {@link DiskWrite}): before a report leaves its mailbox. */
    void writeToDisk() {
        Jdbc.run(db, "write reports to disk", con -> {
            DiskWrite.now(con);
            return null;
        });
    }

    /** Whether this reader's copy of this edition went out. */
    boolean sentCopy(Connection con, IsoWeek week, long readerId) throws SQLException {
        return Jdbc.first(con, SQL.get("sent-copy"), rs -> true, week.toString(), readerId).isPresent();
    }

    /** The latest edition this reader was sent after {@code since}. */
    Optional<IsoWeek> lastEditionSentSince(Connection con, long readerId, Instant since) throws SQLException {
        return Jdbc.first(con, SQL.get("last-edition-sent-since"), rs -> IsoWeek.parse(rs.getString(1)), readerId,
                Timestamp.from(since));
    }

    /** The latest unrecognized messages, newest first, without their text ({@code message} is null). */
    public List<UnrecognizedReport> unrecognized(int limit) {
        return Jdbc.run(db, "read the unrecognized reports", con -> Jdbc.list(con, SQL.get("unrecognized"), ReportStore::unrecognized,
                limit));
    }

    /** One unrecognized message, with the text kept of it. */
    public Optional<UnrecognizedReport> unrecognized(long id) {
        return Jdbc.run(db, "read an unrecognized report", con -> Jdbc.first(con, SQL.get("unrecognized-by-id"),
                ReportStore::unrecognized, id));
    }

    private static UnrecognizedReport unrecognized(java.sql.ResultSet rs) throws SQLException {
        return new UnrecognizedReport(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6));
    }

    /** How many messages of each kind were read, in all. */
    public Map<String, Integer> countsByKind() {
        return Jdbc.run(db, "count the reports", con -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : Jdbc.list(con, SQL.get("counts-by-kind"),
                    rs -> Map.entry(rs.getString(1), rs.getInt(2)))) {
                counts.put(e.getKey(), e.getValue());
            }
            return counts;
        });
    }

    /**
     * At most {@code max} characters, without the NUL and other control characters a report may
     * carry (in an encoded subject, a broken message) and PostgreSQL refuses in text.
     */
    private static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        String clean = CONTROL.matcher(s).replaceAll("\uFFFD");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
