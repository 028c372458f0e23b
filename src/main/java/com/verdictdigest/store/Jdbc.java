package com.verdictdigest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Binding positional parameters (the only way values reach SQL in this project), reading rows,
 * and the one way to run work on a pooled connection or in a transaction.
 */
public final class Jdbc {
    private Jdbc() {
    }

    /** Work on one connection from the pool. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection con) throws SQLException;
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
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

    public static <T> List<T> list(Connection con, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(sql)) {
            bind(ps, params);
            List<T> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(row.read(rs));
                }
            }
            return result;
        }
    }

    public static <T> Optional<T> first(Connection con, String sql, Row<T> row, Object... params) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
            }
        }
    }

    /** Runs {@code work} in one transaction, rolled back when it fails; a failure becomes a {@link StoreException}. */
    public static <T> T inTransaction(DataSource db, String what, Work<T> work) {
        return run(db, what, con -> {
            con.setAutoCommit(false);
            try {
                T result = work.apply(con);
                con.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                con.rollback();
                throw e;
            }
        });
    }

    /** Runs {@code work} in one transaction that is always rolled back: what it would change, seen and undone (a dry run). */
    public static <T> T inRolledBackTransaction(DataSource db, String what, Work<T> work) {
        return run(db, what, con -> {
            con.setAutoCommit(false);
            try {
                return work.apply(con);
            } finally {
                con.rollback();
            }
        });
    }

    /** Runs {@code work} on a pooled connection; a failure becomes a {@link StoreException} "cannot {what}". */
    public static <T> T run(DataSource db, String what, Work<T> work) {
        try (Connection con = db.getConnection()) {
            return work.apply(con);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    /** Whether the statement broke a unique key or another integrity constraint (SQLSTATE class 23). */
    public static boolean isConstraintViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
