package com.verdictdigest.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** The database could not do what was asked; the message is fit for the user. */
public final class StoreException extends RuntimeException {
    /** What HikariCP says, with no SQLSTATE, of a connection it closed after the database broke it. */
    private static final String CLOSED_BY_POOL = "Connection is closed";

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether the database could not be reached (rather than refusing the work): no connection
     * from the pool in time, a connection broken (SQLSTATE class 08, or closed by the pool for it), or
     * the server shutting down (57P01 to 57P03). Such work can be tried again once the database is back.
     */
    public boolean isConnectionLost() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (sql.getSQLState() == null ? CLOSED_BY_POOL.equals(sql.getMessage())
                    : sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}
