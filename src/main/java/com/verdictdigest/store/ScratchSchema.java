package com.verdictdigest.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A database lent to a benchmark: it must hold no table when the benchmark starts, and holds none
 * again when it ends, so the next run starts from the same place and nothing of anyone's is touched.
 */
public final class ScratchSchema {
    private ScratchSchema() {
    }

    /** @throws StoreException when the database's current schema holds any table */
    public static void requireEmpty(StoreConfig config) {
        List<String> tables = tables(config);
        if (!tables.isEmpty()) {
            throw new StoreException("cannot use " + config.url() + " for a benchmark: it holds tables (" + tables.size()
                    + ", such as " + tables.get(0) + "); give it an empty database it may empty again", null);
        }
    }

    /** Drops every table of the current schema: those the benchmark made, the database having been empty before. */
    public static void empty(StoreConfig config) {
        try (Connection con = connect(config); Statement st = con.createStatement()) {
            for (String table : tables(config)) {
                st.execute("DROP TABLE IF EXISTS \"" + table.replace("\"", "\"\"") + "\" CASCADE"); // names read from the catalog
            }
        } catch (SQLException e) {
            throw new StoreException("cannot empty " + config.url() + " after the benchmark: " + e.getMessage(), e);
        }
    }

    private static List<String> tables(StoreConfig config) {
        try (Connection con = connect(config)) {
            return Jdbc.list(con, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                    + " AND table_type = 'BASE TABLE'", rs -> rs.getString(1));
        } catch (SQLException e) {
            throw new StoreException("cannot open the database " + config.url() + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(StoreConfig config) throws SQLException {
        return DriverManager.getConnection(config.url(), config.user(), config.password());
    }
}
