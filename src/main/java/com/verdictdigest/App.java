package com.verdictdigest;

import com.verdictdigest.catalog.CatalogConfig;
import com.verdictdigest.catalog.CatalogImporter;
import com.verdictdigest.catalog.CatalogRepository;
import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import com.verdictdigest.digest.DigestConfig;
import com.verdictdigest.digest.EditionPlanner;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.links.LinkSecret;
import com.verdictdigest.links.LinkSigner;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.templates.Templates;
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
    private LinkBuilder links;

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

    public SubscriberRepository subscribers() {
        return new SubscriberRepository(database().dataSource(), clock);
    }

    public DigestConfig digestConfig() {
        return DigestConfig.from(settings);
    }

    public EditionPlanner planner() {
        return new EditionPlanner(catalog(), digestConfig());
    }

    public EditionRenderer renderer() {
        return new EditionRenderer(new Templates(settings.get(Keys.TEMPLATES_DIR)), digestConfig());
    }

    public synchronized LinkBuilder links() {
        if (links == null) {
            byte[] secret = LinkSecret.resolve(settings.get(Keys.LINKS_SECRET), settings.get(Keys.DATA_DIR));
            links = new LinkBuilder(settings.get(Keys.SITE_BASE_URL), new LinkSigner(secret));
        }
        return links;
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
