package com.verdictdigest.app;

import com.verdictdigest.alerts.AlertConfig;
import com.verdictdigest.alerts.AlertMail;
import com.verdictdigest.alerts.AlertSender;
import com.verdictdigest.bounces.BounceConfig;
import com.verdictdigest.bounces.BounceMailbox;
import com.verdictdigest.bounces.BounceReasons;
import com.verdictdigest.bounces.ReportParser;
import com.verdictdigest.bounces.ReportProcessor;
import com.verdictdigest.bounces.ReportStore;
import com.verdictdigest.catalog.CatalogConfig;
import com.verdictdigest.catalog.CatalogImporter;
import com.verdictdigest.catalog.CatalogRepository;
import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import com.verdictdigest.config.SiteAddress;
import com.verdictdigest.delivery.DeliveryLedger;
import com.verdictdigest.delivery.EditionSender;
import com.verdictdigest.delivery.SendConfig;
import com.verdictdigest.delivery.SenderLeases;
import com.verdictdigest.digest.DigestConfig;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.editions.EditionArchive;
import com.verdictdigest.editions.EditionPreparer;
import com.verdictdigest.editions.EditionRecord;
import com.verdictdigest.editions.EditionProofs;
import com.verdictdigest.editions.EditionStore;
import com.verdictdigest.editions.Preflight;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.links.LinkSecret;
import com.verdictdigest.links.LinkSigner;
import com.verdictdigest.mail.MailConfig;
import com.verdictdigest.mail.Mailer;
import com.verdictdigest.mail.MessageComposer;
import com.verdictdigest.mail.MessageIds;
import com.verdictdigest.mail.OutboxMailer;
import com.verdictdigest.mail.SmtpConfig;
import com.verdictdigest.mail.SmtpMailer;
import com.verdictdigest.store.Database;
import com.verdictdigest.store.StoreConfig;
import com.verdictdigest.store.StoredCopies;
import com.verdictdigest.subscribers.ConfirmationMail;
import com.verdictdigest.subscribers.ConfirmationQueue;
import com.verdictdigest.schedule.ScheduleConfig;
import com.verdictdigest.schedule.ScheduleWording;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.subscribers.SubscriptionService;
import com.verdictdigest.subscribers.WelcomeMail;
import com.verdictdigest.subscribers.WelcomeQueue;
import com.verdictdigest.subscribers.SuppressionList;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.votes.Votes;
import com.verdictdigest.web.RouteModule;
import com.verdictdigest.web.WebConfig;
import com.verdictdigest.web.WebServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The wired application: one settings object, one database, and the parts built from them.
 * Commands ask it for the parts they need; nothing here holds logic of its own.
 */
public final class App implements AutoCloseable {
    private final Settings settings;
    private final Clock clock;
    private Database database;
    private LinkBuilder links;
    private Mailer mailer;
    private Templates templates;
    private ConfirmationQueue confirmationQueue;
    private WelcomeQueue welcomeQueue;
    private AlertSender alerts;

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

    public EditionRenderer renderer() {
        return new EditionRenderer(templates(), digestConfig());
    }

    public synchronized LinkBuilder links() {
        if (links == null) {
            links = new LinkBuilder(SiteAddress.of(settings), new LinkSigner(linkSecret()));
        }
        return links;
    }

    /** The site's signing key: links, and per-reader envelope senders. */
    private byte[] linkSecret() {
        return LinkSecret.resolve(settings.get(Keys.LINKS_SECRET), settings.get(Keys.DATA_DIR));
    }

    public EditionStore editions() {
        return new EditionStore(database().dataSource(), clock);
    }

    public EditionPreparer preparer() {
        return new EditionPreparer(editions(), catalog(), renderer(), digestConfig(), composer(), links(), votes()::talliesShown);
    }

    public EditionProofs proofs() {
        return new EditionProofs(preparer(), subscribers(), mailer());
    }

    public DeliveryLedger ledger() {
        return new DeliveryLedger(database().dataSource(), clock, settings.get(Keys.DATA_DIR).resolve("journal"));
    }

    /** The relay when smtp.host is set, otherwise the outbox folder under data.dir: one per process, closed with it. */
    public synchronized Mailer mailer() {
        if (mailer == null) {
            SmtpConfig smtp = SmtpConfig.from(settings);
            mailer = smtp.host().isEmpty() ? new OutboxMailer(outbox()) : new SmtpMailer(smtp);
        }
        return mailer;
    }

    public MessageComposer composer() {
        return new MessageComposer(MailConfig.from(settings, linkSecret()), clock);
    }

    public EditionSender sender() {
        return new EditionSender(preparer(), editions(), ledger(), new SenderLeases(database().dataSource()), subscribers(),
                subscriptions(), mailer(), SendConfig.from(settings));
    }

    /** Reads the reports that come back to the return path and acts on them: for every way in. */
    public ReportProcessor reportProcessor() {
        MailConfig mail = MailConfig.from(settings, linkSecret());
        String envelope = mail.envelopeFrom();
        MessageIds ids = mail.messageIds();
        ReportParser parser = new ReportParser(BounceReasons.standard(), envelope, ids.domain(),
                Set.copyOf(List.of(envelope.substring(envelope.lastIndexOf('@') + 1), ids.domain())));
        return new ReportProcessor(database().dataSource(), parser, reports(), mail.verp(), ids, subscribers(), subscriptions(),
                BounceConfig.from(settings), clock);
    }

    public ReportStore reports() {
        return new ReportStore(database().dataSource());
    }

    /** The mailbox of bounces.mailbox, or null when none is set. */
    public BounceMailbox bounceMailbox() {
        BounceConfig config = BounceConfig.from(settings);
        return config.mailbox() == null ? null : new BounceMailbox(config.mailbox(), config.password(), reportProcessor());
    }

    public EventLog events() {
        return new EventLog(database().dataSource(), clock);
    }

    /** Readers' ship-or-skip votes and their tallies. */
    public Votes votes() {
        return new Votes(database().dataSource(), events(), settings.get(Keys.VOTES_MIN_READERS), clock);
    }

    /** The template engine, one per process (it caches what it parsed). */
    public synchronized Templates templates() {
        if (templates == null) {
            templates = new Templates(settings.get(Keys.TEMPLATES_DIR));
        }
        return templates;
    }

    public SubscriptionService subscriptions() {
        return new SubscriptionService(database().dataSource(), subscribers(), events(), confirmationQueue(),
                new SuppressionList(linkSecret()), new StoredCopies(settings.get(Keys.DATA_DIR), outbox()),
                WebConfig.from(settings).resendAfter(), clock);
    }

    /** The queue of confirmation mails, one per process; {@code serve} starts it. */
    public synchronized ConfirmationQueue confirmationQueue() {
        if (confirmationQueue == null) {
            confirmationQueue = new ConfirmationQueue(database().dataSource(), subscribers(), new ConfirmationMail(templates(),
                    links(), composer(), mailer(), settings.get(Keys.MAIL_POSTAL_ADDRESS)));
        }
        return confirmationQueue;
    }

    /** The welcome email after a reader confirms: the schedule of {@code digest.schedule}, the newest edition that went out. */
    public WelcomeMail welcomeMail() {
        ScheduleWording schedule = new ScheduleWording(ScheduleConfig.from(settings));
        EditionArchive archive = new EditionArchive(editions(), catalog(), renderer());
        return new WelcomeMail(templates(), links(), composer(), mailer(), settings.get(Keys.MAIL_POSTAL_ADDRESS),
                () -> schedule.words(clock.instant()), () -> archive.published().stream().findFirst().map(EditionRecord::week));
    }

    /** The queue of welcome emails, one per process; {@code serve} starts it. */
    public synchronized WelcomeQueue welcomeQueue() {
        if (welcomeQueue == null) {
            welcomeQueue = new WelcomeQueue(database().dataSource(), subscribers(), welcomeMail());
        }
        return welcomeQueue;
    }

    /** The web server: the readers' pages, the routes of {@code modules} (the operator's), and {@code health}. */
    public WebServer webServer(List<RouteModule> modules, BooleanSupplier health) {
        return new WebServer(WebConfig.from(settings), templates(), links(), subscribers(), subscriptions(),
                new EditionArchive(editions(), catalog(), renderer()), votes(), catalog()::categories, modules, health, clock);
    }

    /** The outbox folder when mail goes there (no smtp.host), otherwise null. */
    public Path outbox() {
        return settings.get(Keys.SMTP_HOST).isEmpty() ? settings.get(Keys.DATA_DIR).resolve("outbox") : null;
    }

    /** Whether the database answers. */
    public boolean databaseUp() {
        try (Connection con = database().connection()) {
            return con.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The bookmark alerts' sender, one per process (a pass at a time). */
    public synchronized AlertSender alerts() {
        if (alerts == null) {
            alerts = new AlertSender(database().dataSource(), new AlertMail(templates(), links(), composer(), new Preflight(digestConfig()),
                    settings.get(Keys.MAIL_POSTAL_ADDRESS)), mailer(), subscriptions(), AlertConfig.from(settings), clock);
        }
        return alerts;
    }

    public CatalogImporter importer() {
        return new CatalogImporter(CatalogConfig.from(settings), catalog());
    }

    @Override
    public synchronized void close() {
        if (confirmationQueue != null) {
            confirmationQueue.close();
        }
        if (welcomeQueue != null) {
            welcomeQueue.close();
        }
        if (mailer != null) {
            mailer.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
