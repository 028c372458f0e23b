package com.verdictdigest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Binding positional parameters: the only way values reach SQL in this project. */
public final class Jdbc {
    private Jdbc() {
    }

    public static int update(Connection con, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    /** Work on one connection from the pool. */
    @FunctionalInterface
    public interface Work {
        int apply(Connection con) throws SQLException;
    }

    /** Runs {@code work} in one transaction, rolled back when it fails; a failure becomes a {@link StoreException}. */
    public static int inTransaction(DataSource db, String what, Work work) {
        return run(db, what, con -> {
            con.setAutoCommit(false);
            try {
                int result = work.apply(con);
                con.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                con.rollback();
                throw e;
            }
        });
    }

    /** Runs {@code work} on a pooled connection; a failure becomes a {@link StoreException} "cannot {what}". */
    public static int run(DataSource db, String what, Work work) {
        try (Connection con = db.getConnection()) {
            return work.apply(con);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
