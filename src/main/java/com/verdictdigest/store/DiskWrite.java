package com.verdictdigest.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes every commit so far survive the death of this process, for the few that must: a sender's
 * records, a reader leaving. PostgreSQL's commits are durable when they return. H2 writes its
 * commits to its file a moment later, in the background (its write delay): a process killed in that
 * moment loses commits that had returned. Asking H2 for a checkpoint writes them now; asking for it
 * on every commit instead would slow every sender markedly (README, Performance).
 */
public final class DiskWrite {
    private static final NamedSql SQL = NamedSql.load("store");

    private DiskWrite() {
    }

    public static void now(Connection con) throws SQLException {
        if ("H2".equals(con.getMetaData().getDatabaseProductName())) {
            try (Statement st = con.createStatement()) {
                st.execute(SQL.get("checkpoint"));
            }
        }
    }
}
