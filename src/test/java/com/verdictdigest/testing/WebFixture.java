package com.verdictdigest.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.editions.EditionArchive;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.links.LinkSigner;
import com.verdictdigest.mail.MessageComposer;
import com.verdictdigest.store.StoredCopies;
import com.verdictdigest.subscribers.ConfirmationMail;
import com.verdictdigest.subscribers.ConfirmationQueue;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.subscribers.SubscriptionService;
import com.verdictdigest.subscribers.SuppressionList;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.votes.Votes;
import com.verdictdigest.web.WebConfig;
import com.verdictdigest.web.WebServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The web server on a loopback port over a real database, with GreenMail receiving what it mails.
 * Links in emails point at this server, as they would at the public address in production.
 */
public final class WebFixture implements AutoCloseable {
    public final SenderFixture sender;
    public final GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    public final EventLog events;
    public final SubscriptionService subscriptions;
    public final ConfirmationQueue confirmations;
    public final LinkBuilder links;
    /** Votes that need 3 readers before the digest shows a tally. */
    public final Votes votes;
    public final WebServer server;
    public final String base;

    public WebFixture(Path dir, int subscribesPerHour) throws Exception {
        this(dir, subscribesPerHour, Set.of());
    }

    public WebFixture(Path dir, int subscribesPerHour, Set<String> trustedProxies) throws Exception {
        this(dir, subscribesPerHour, trustedProxies, 8, Duration.ofSeconds(15));
    }

    /** With {@code maxActiveUnsubscribes} unsubscribe POSTs at once, the others queued up to {@code unsubscribeQueue}. */
    public WebFixture(Path dir, int subscribesPerHour, Set<String> trustedProxies, int maxActiveUnsubscribes,
                      Duration unsubscribeQueue) throws Exception {
        greenMail.start();
        try {
            sender = new SenderFixture(dir.resolve("db"));
        } catch (RuntimeException e) {
            greenMail.stop();
            throw e;
        }
        int port = FreePort.pick();
        base = "http://127.0.0.1:" + port;
        links = new LinkBuilder(URI.create(base), new LinkSigner(DigestFixture.SECRET));
        Templates templates = new Templates(Path.of("templates"));
        events = new EventLog(sender.digest.db.dataSource(), Clock.systemUTC());
        MessageComposer composer = new MessageComposer(SenderFixture.MAIL, Clock.systemUTC());
        confirmations = new ConfirmationQueue(sender.digest.db.dataSource(), sender.digest.subscribers,
                new ConfirmationMail(templates, links, composer, SenderFixture.smtp(greenMail.getSmtp().getPort()), "Postal address"))
                .start();
        subscriptions = new SubscriptionService(sender.digest.db.dataSource(), sender.digest.subscribers, events,
                confirmations, new SuppressionList(DigestFixture.SECRET), new StoredCopies(dir, null), Duration.ofMinutes(15),
                Clock.systemUTC());
        votes = new Votes(sender.digest.db.dataSource(), events, 3, Clock.systemUTC());
        EditionArchive archive = new EditionArchive(sender.editions, sender.digest.catalog,
                new EditionRenderer(templates, DigestFixture.config("UTC")));
        server = new WebServer(new WebConfig("127.0.0.1", port, 16_384, maxActiveUnsubscribes, unsubscribeQueue,
                trustedProxies, Duration.ofMinutes(15), subscribesPerHour, 1_000),
                templates, links, sender.digest.subscribers, subscriptions, archive, votes, sender.digest.catalog::categories,
                List.of(), () -> true, Clock.systemUTC()).start();
    }

    /** Adds an active reader (or finds the one with that address). */
    public Subscriber reader(String email) {
        sender.digest.subscribers.add(EmailAddress.parse(email), SubscriberStatus.ACTIVE);
        return sender.digest.subscribers.find(EmailAddress.parse(email)).orElseThrow();
    }

    @Override
    public void close() {
        server.close();
        confirmations.close();
        greenMail.stop();
        sender.close();
    }
}
