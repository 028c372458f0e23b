package com.verdictdigest.catalog;

import static com.verdictdigest.store.Jdbc.update;

import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records, in the transaction that saves a comparison, what changed for each of its tools: the
 * bookmark alerts are told from these rows. A tool new to the comparison (the comparison itself is
 * new, or a re-import names another tool) is a new comparison for it; a tool whose panel verdict
 * differs from the stored one has a changed verdict. Anything else (text, figures) is no change.
 */
final class VerdictChanges {
    private static final NamedSql SQL = NamedSql.load("catalog");

    private VerdictChanges() {
    }

    /** The panel verdict of each tool of a stored comparison, before it is replaced; empty for a new one. */
    static Map<String, Verdict> before(Connection con, Long comparisonId) throws SQLException {
        Map<String, Verdict> verdicts = new HashMap<>();
        if (comparisonId != null) {
            for (String[] row : Jdbc.list(con, SQL.get("panel-verdicts-of-comparison"),
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, comparisonId)) {
                verdicts.put(row[0], Verdict.of(row[1]));
            }
        }
        return verdicts;
    }

    static void record(Connection con, Comparison c, Map<String, Verdict> before, Timestamp now) throws SQLException {
        for (ToolFigures t : List.of(c.left(), c.right())) {
            Verdict old = before.get(t.slug());
            if (old == null) {
                update(con, SQL.get("insert-verdict-change"), t.slug(), c.slug(), ChangeKind.NEW_COMPARISON.word(), null,
                        t.verdict().word(), now);
            } else if (old != t.verdict()) {
                update(con, SQL.get("insert-verdict-change"), t.slug(), c.slug(), ChangeKind.VERDICT_CHANGED.word(), old.word(),
                        t.verdict().word(), now);
            }
        }
    }
}
