package com.verdictdigest.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites an H2 database file until a value no longer appears in it. H2's store (MVStore) never
 * overwrites a page in place: a deleted row stays in the file, in chunks no longer used, until the
 * space is reused. A pass rewrites every chunk that holds anything dead, then moves the live chunks
 * to the front of the file and cuts off the rest; the file is then read back, and passes repeat
 * until it is clean. The store is blocked while a pass runs: about as long as copying the file.
 *
 * <p>A pass must run outside any statement: a running statement keeps the version it started on,
 * and with it the chunks that still hold the value. So the process that holds the file runs it
 * from its own connection object (not a statement); a process that reaches the file through
 * another ({@code AUTO_SERVER}: a command next to {@code serve}) asks that one, by the functions of
 * V12, to run it in a thread of its own, and waits for the file to be clean.
 */
public final class H2FileScrub {
    private static final Logger log = LoggerFactory.getLogger(H2FileScrub.class);
    private static final NamedSql SQL = NamedSql.load("store");
    private static final int PASSES = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * Passes run one at a time: each turns the file's retention time off while it runs and back on
     * after, and two at once would each put back the other's "off" for good (then a crash could
     * corrupt the file).
     */
    private static final Object ONE_PASS_AT_A_TIME = new Object();

    private H2FileScrub() {
    }

    /** @return whether the file no longer holds {@code value} (lower case, StoredCopies.folded) */
    static boolean scrub(Connection con, String value) throws SQLException {
        Session session = con.unwrap(JdbcConnection.class).getSession();
        if (session instanceof SessionLocal local) {
            return passes(local.getDatabase().getStore().getMvStore(), value);
        }
        Jdbc.first(con, SQL.get("scrub-file-later"), rs -> rs.getBoolean(1), value);
        Instant until = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(until)) {
            if (!Jdbc.first(con, SQL.get("file-holds"), rs -> rs.getBoolean(1), value).orElse(true)) {
                return true;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The function {@code verdicts_scrub_later} (V12): runs the passes in a thread of the process that holds the file. */
    public static boolean later(Connection con, String value) throws SQLException {
        if (!(con.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)) {
            return false;
        }
        MVStore store = local.getDatabase().getStore().getMvStore();
        Thread thread = new Thread(() -> {
            try {
                passes(store, value);
            } catch (RuntimeException e) {
                log.warn("Could not rewrite the database file after an erasure: {}", e.getMessage());
            }
        }, "verdicts-scrub");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    /** The function {@code verdicts_file_holds} (V12): whether the file holds {@code value}, read now. */
    public static boolean holds(Connection con, String value) throws SQLException {
        if (!(con.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local)) {
            return true;
        }
        Path file = file(local.getDatabase().getStore().getMvStore());
        try {
            return file != null && StoredCopies.contains(file, StoredCopies.folded(value));
        } catch (IOException e) {
            throw new SQLException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path file(MVStore store) {
        return store.getFileStore() == null || store.getFileStore().getFileName() == null ? null
                : Path.of(store.getFileStore().getFileName());
    }

    private static boolean passes(MVStore store, String value) {
        synchronized (ONE_PASS_AT_A_TIME) {
            return passesAlone(store, value);
        }
    }

    private static boolean passesAlone(MVStore store, String value) {
        Path file = file(store);
        if (file == null) {
            return true; // in memory: no file
        }
        byte[] needle = StoredCopies.folded(value);
        int retention = store.getRetentionTime();
        try {
            store.commit();
            for (int pass = 0; pass < PASSES && StoredCopies.contains(file, needle); pass++) {
                // Chunks freed now may be overwritten now, as H2 itself allows when it compacts on close.
                store.setRetentionTime(0);
                store.compact(100, Integer.MAX_VALUE);
                store.commit();
                if (store.getFileStore() instanceof RandomAccessStore chunks) {
                    chunks.compactMoveChunks(101, Long.MAX_VALUE, store);
                }
                if (pass > 0) {
                    Thread.sleep(100); // another connection's statement may be holding an older version a moment
                }
            }
            store.sync();
            return !StoredCopies.contains(file, needle);
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            store.setRetentionTime(retention);
        }
    }
}
