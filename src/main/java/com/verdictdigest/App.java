package com.verdictdigest;

import com.verdictdigest.catalog.CatalogConfig;
import com.verdictdigest.catalog.CatalogImporter;
import com.verdictdigest.catalog.CatalogRepository;
import com.verdictdigest.config.Settings;
import com.verdictdigest.store.Database;
import com.verdictdigest.store.StoreConfig;
import java.time.Clock;

/**
 * The wired application: one settings object, one database, and the parts built from them.
 * Commands ask it for the parts they need; nothing here holds logic of its own.
 */
public final class App implements AutoCloseable {
    private final Settings settings;
    private final Clock clock;
    private Database database;

    public App(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public synchronized Database database() {
        if (database == null) {
            database = Database.open(StoreConfig.from(settings));
        }
        return database;
    }

    public CatalogRepository catalog() {
        return new CatalogRepository(database().dataSource(), clock);
    }

    public CatalogImporter importer() {
        return new CatalogImporter(CatalogConfig.from(settings), catalog());
    }

    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
        }
    }
}
