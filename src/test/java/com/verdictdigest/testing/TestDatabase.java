package com.verdictdigest.testing;

import com.verdictdigest.store.Database;
import com.verdictdigest.store.StoreConfig;
import java.nio.file.Path;

/** A real H2 file database in a test's temporary folder, migrated like production. */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static Database open(Path dir) {
        return Database.open(new StoreConfig(url(dir), "sa", ""));
    }

    /** The URL other processes use to open the same database (H2's AUTO_SERVER mode). */
    public static String url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("verdicts").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }
}
