package com.verdictdigest.testing;

import com.verdictdigest.store.Database;
import com.verdictdigest.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A real database for a test, migrated like production: an H2 file in the test's temporary
 * folder, or, in a test class marked {@link OnPostgres}, a fresh database of its own on the real
 * PostgreSQL server the tests share ({@link TestPostgres}).
 */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static Database open(Path dir) {
        return Database.open(config(dir));
    }

    public static StoreConfig config(Path dir) {
        return new StoreConfig(url(dir), user(), password());
    }

    /** The URL other processes use to open the same database (H2's AUTO_SERVER mode; PostgreSQL over TCP). */
    public static String url(Path dir) {
        if (OnPostgres.Extension.active()) {
            return TestPostgres.database(databaseName(dir));
        }
        return "jdbc:h2:file:" + dir.resolve("verdicts").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    public static String user() {
        return OnPostgres.Extension.active() ? TestPostgres.USER : "sa";
    }

    public static String password() {
        return OnPostgres.Extension.active() ? TestPostgres.PASSWORD : "";
    }

    /** The product name the database's driver gives: "H2" or "PostgreSQL". */
    public static String productName() {
        return OnPostgres.Extension.active() ? "PostgreSQL" : "H2";
    }

    /** The settings that point the application at this test's database. */
    public static Map<String, String> settings(Path dir) {
        return Map.of("VERDICTS_DB_URL", url(dir), "VERDICTS_DB_USER", user(), "VERDICTS_DB_PASSWORD", password());
    }

    /** One database per folder: the same folder (a test and its child processes) meets the same database. */
    private static String databaseName(Path dir) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            return "t_" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
