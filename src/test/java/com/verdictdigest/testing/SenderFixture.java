package com.verdictdigest.testing;

import com.verdictdigest.delivery.DeliveryLedger;
import com.verdictdigest.delivery.EditionControl;
import com.verdictdigest.delivery.EditionSender;
import com.verdictdigest.delivery.SendConfig;
import com.verdictdigest.delivery.SenderLeases;
import com.verdictdigest.digest.DigestConfig;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.editions.EditionPreparer;
import com.verdictdigest.editions.EditionStore;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.mail.MailConfig;
import com.verdictdigest.mail.Mailer;
import com.verdictdigest.mail.MessageComposer;
import com.verdictdigest.mail.SmtpConfig;
import com.verdictdigest.mail.SmtpMailer;
import com.verdictdigest.store.Database;
import com.verdictdigest.store.StoreConfig;
import com.verdictdigest.store.StoredCopies;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.subscribers.SubscriptionService;
import com.verdictdigest.subscribers.SuppressionList;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.votes.Votes;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The delivery engine wired over a real database with the sample site imported. */
public final class SenderFixture implements AutoCloseable {
    public static final MailConfig MAIL = new MailConfig("Weekly AI Tool Verdicts <digest@verdicts.example>",
            "editors@verdicts.example", "unsubscribe@verdicts.example", "weekly.verdicts.example", true, null, DigestFixture.SECRET);

    public final DigestFixture digest;
    public final EditionStore editions;
    public final DeliveryLedger ledger;
    /** The subscribers' service, without confirmation mail (nothing here signs up). */
    public final SubscriptionService subscriptions;
    /** Readers' votes; a tool's tally shows in the digest from 3 votes. */
    public final Votes votes;

    /**
     * @param dir the database's folder; the send journals are in its sibling {@code data/journal},
     *            where a child process with {@code VERDICTS_DATA_DIR} at that {@code data} keeps them
     */
    public SenderFixture(Path dir) {
        this(dir, TestDatabase.config(dir));
    }

    /** On the database {@code store} names (an H2 file beside a PostgreSQL test, say). */
    public SenderFixture(Path dir, StoreConfig store) {
        digest = new DigestFixture(Database.open(store));
        editions = new EditionStore(digest.db.dataSource(), Clock.systemUTC());
        ledger = new DeliveryLedger(digest.db.dataSource(), Clock.systemUTC(), dir.resolveSibling("data").resolve("journal"));
        subscriptions = new SubscriptionService(digest.db.dataSource(), digest.subscribers,
                new EventLog(digest.db.dataSource(), Clock.systemUTC()), null, new SuppressionList(DigestFixture.SECRET),
                new StoredCopies(dir, null), Duration.ofMinutes(15), Clock.systemUTC());
        votes = new Votes(digest.db.dataSource(), new EventLog(digest.db.dataSource(), Clock.systemUTC()), 3, Clock.systemUTC());
        digest.importPages("sample");
    }

    public static SendConfig fast(int connections) {
        return new SendConfig(connections, 0, 3, Duration.ofMillis(50), 25, Duration.ofSeconds(2));
    }

    public static SmtpMailer smtp(int port) {
        return new SmtpMailer(SmtpConfig.plain("127.0.0.1", port, Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    /** Plans, freezes, renders and checks editions as the application does, with these settings. */
    public EditionPreparer preparer(DigestConfig config, LinkBuilder links, MailConfig mail) {
        return new EditionPreparer(editions, digest.catalog, new EditionRenderer(new Templates(config.templatesDir()), config),
                config, new MessageComposer(mail, Clock.systemUTC()), links, votes::talliesShown);
    }

    public EditionSender sender(EditionPreparer preparer, Mailer mailer, SendConfig config) {
        return new EditionSender(preparer, editions, ledger, new SenderLeases(digest.db.dataSource()), digest.subscribers,
                subscriptions, mailer, config);
    }

    public EditionSender sender(Mailer mailer, SendConfig config, MailConfig mail) {
        return sender(preparer(DigestFixture.config("UTC"), digest.links, mail), mailer, config);
    }

    /** A sender whose emails link to {@code links} (a test web server) instead of the default base. */
    public EditionSender sender(Mailer mailer, SendConfig config, LinkBuilder links, URI base) {
        DigestConfig c = DigestFixture.config("UTC");
        DigestConfig linked = new DigestConfig(c.zone(), c.maxComparisons(), c.sendEmpty(), c.maxHtmlBytes(), c.templatesDir(),
                base, c.comparisonsUrl(), c.postalAddress());
        return sender(preparer(linked, links, MAIL), mailer, config);
    }

    public EditionSender sender(Mailer mailer, SendConfig config) {
        return sender(mailer, config, MAIL);
    }

    /** The operator's control over editions, sending through {@code mailer}. */
    public EditionControl control(Mailer mailer, SendConfig config) {
        return new EditionControl(editions, ledger, preparer(DigestFixture.config("UTC"), digest.links, MAIL),
                () -> sender(mailer, config));
    }

    /** Adds readers reader1@example.com .. readerN@example.com with the given status. */
    public List<Subscriber> readers(int count, String prefix, SubscriberStatus status) {
        List<Subscriber> added = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            EmailAddress email = EmailAddress.parse(prefix + i + "@example.com");
            digest.subscribers.add(email, status);
            added.add(digest.subscribers.find(email).orElseThrow());
        }
        return added;
    }

    @Override
    public void close() {
        digest.close();
    }
}
