package com.verdictdigest.testing;

import com.verdictdigest.alerts.AlertConfig;
import com.verdictdigest.alerts.AlertMail;
import com.verdictdigest.alerts.AlertSender;
import com.verdictdigest.catalog.CatalogConfig;
import com.verdictdigest.catalog.CatalogImporter;
import com.verdictdigest.catalog.CatalogRepository;
import com.verdictdigest.editions.Preflight;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.links.LinkSigner;
import com.verdictdigest.mail.Mailer;
import com.verdictdigest.mail.MessageComposer;
import com.verdictdigest.store.Database;
import com.verdictdigest.store.StoredCopies;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Preferences;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.subscribers.SubscriptionService;
import com.verdictdigest.subscribers.SuppressionList;
import com.verdictdigest.templates.Templates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jsoup.nodes.Document;

/** A real database, the catalog read from pages a test publishes, readers, and the alerts wired as the application wires them. */
public final class AlertFixture implements AutoCloseable {
    /** The tools of the seed page: left and right. */
    public static final String LEFT = "mistral-3-small-22b";
    public static final String RIGHT = "gpt-5-fine-tuning-api";

    public final Database db;
    public final CatalogRepository catalog;
    public final SubscriberRepository readers;
    public final SubscriptionService subscriptions;
    private final Clock clock;
    private final Path site;

    public AlertFixture(Path dir, Clock clock) {
        this.clock = clock;
        db = TestDatabase.open(dir.resolve("db"));
        catalog = new CatalogRepository(db.dataSource(), clock);
        readers = new SubscriberRepository(db.dataSource(), clock);
        subscriptions = new SubscriptionService(db.dataSource(), readers, new EventLog(db.dataSource(), clock), null,
                new SuppressionList(DigestFixture.SECRET), new StoredCopies(dir, null), Duration.ofMinutes(15), clock);
        try {
            site = Files.createDirectories(dir.resolve("site"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes the seed page as comparison {@code slug}, changed by {@code change}, and imports it. */
    public void publish(String slug, Consumer<Document> change) {
        Path page = SitePages.variantWithSlug(site, slug, change);
        new CatalogImporter(new CatalogConfig("sample", 2_000_000, Duration.ofSeconds(5), 500), catalog)
                .importFrom(List.of(page.toString()));
    }

    /** Sets the panel verdict word of one side of the page. */
    public static Consumer<Document> verdict(String side, String word) {
        return doc -> doc.selectFirst("div.tool[data-side=" + side + "] .verdict-word").text(word);
    }

    /** An active reader, with alerts on or off, who bookmarked these tools now. */
    public Subscriber reader(String email, boolean alerts, String... bookmarks) {
        EmailAddress address = EmailAddress.parse(email);
        readers.add(address, SubscriberStatus.ACTIVE);
        Subscriber reader = readers.find(address).orElseThrow();
        if (alerts) {
            subscriptions.choose(reader.id(), new Preferences(Set.of(), false, null, true), EventSource.PAGE, null);
        }
        for (String tool : bookmarks) {
            readers.addBookmark(reader.id(), tool);
        }
        return reader;
    }

    public AlertSender sender(Mailer mailer, Path templates) {
        return new AlertSender(db.dataSource(), mail(templates), mailer, subscriptions,
                new AlertConfig(Duration.ofSeconds(60), Duration.ofDays(7), 0, 3, Duration.ofMillis(20)), clock);
    }

    public AlertMail mail(Path templates) {
        return new AlertMail(new Templates(templates), new LinkBuilder(DigestFixture.BASE,
                new LinkSigner(DigestFixture.SECRET)), new MessageComposer(SenderFixture.MAIL, clock),
                new Preflight(DigestFixture.config("UTC")), "Verdict Digest, 1 Example Street, Berlin");
    }

    public int count(String sql) {
        try (Connection con = db.connection(); Statement st = con.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
