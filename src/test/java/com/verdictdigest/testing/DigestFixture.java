package com.verdictdigest.testing;

import com.verdictdigest.catalog.CatalogConfig;
import com.verdictdigest.catalog.CatalogImporter;
import com.verdictdigest.catalog.CatalogRepository;
import com.verdictdigest.catalog.ImportReport;
import com.verdictdigest.digest.DigestConfig;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.digest.RenderedEdition;
import com.verdictdigest.editions.EditionPlanner;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.links.LinkSigner;
import com.verdictdigest.store.Database;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.week.IsoWeek;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** A real database with the catalog imported, and the digest parts wired as the application wires them. */
public final class DigestFixture implements AutoCloseable {
    public static final URI BASE = URI.create("https://news.verdicts.example");
    public static final byte[] SECRET = "test-secret-test-secret-test-secret!".getBytes(StandardCharsets.UTF_8);

    public final Database db;
    public final CatalogRepository catalog;
    public final SubscriberRepository subscribers;
    public final LinkBuilder links = new LinkBuilder(BASE, new LinkSigner(SECRET));
    private final Clock clock = Clock.systemUTC();

    public DigestFixture(Path dir) {
        this(TestDatabase.open(dir));
    }

    public DigestFixture(Database db) {
        this.db = db;
        catalog = new CatalogRepository(db.dataSource(), clock);
        subscribers = new SubscriberRepository(db.dataSource(), clock);
    }

    public ImportReport importPages(String... sources) {
        return new CatalogImporter(new CatalogConfig("sample", 2_000_000, Duration.ofSeconds(5), 500), catalog)
                .importFrom(List.of(sources));
    }

    public static DigestConfig config(String zone) {
        return new DigestConfig(ZoneId.of(zone), 12, false, 100_000, Path.of("templates"), BASE,
                URI.create("https://verdicts.example/compare"), "Verdict Digest, 1 Example Street, Berlin");
    }

    public RenderedEdition render(String week, DigestConfig config) {
        return new EditionRenderer(new Templates(config.templatesDir()), config)
                .render(new EditionPlanner(catalog, config).plan(IsoWeek.parse(week)));
    }

    public RenderedEdition render(String week) {
        return render(week, config("UTC"));
    }

    @Override
    public void close() {
        db.close();
    }
}
