package com.verdictdigest.testing;

import com.verdictdigest.delivery.DeliveryLedger;
import com.verdictdigest.delivery.EditionSender;
import com.verdictdigest.delivery.MailConfig;
import com.verdictdigest.delivery.Mailer;
import com.verdictdigest.delivery.MessageComposer;
import com.verdictdigest.delivery.SendConfig;
import com.verdictdigest.delivery.SmtpConfig;
import com.verdictdigest.delivery.SmtpMailer;
import com.verdictdigest.digest.EditionPlanner;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.templates.Templates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The delivery engine wired over a real database with the sample site imported. */
public final class SenderFixture implements AutoCloseable {
    public static final MailConfig MAIL = new MailConfig("Weekly AI Tool Verdicts <digest@verdicts.example>",
            "editors@verdicts.example", "unsubscribe@verdicts.example", "weekly.verdicts.example", true, null);

    public final DigestFixture digest;
    public final DeliveryLedger ledger;

    /**
     * @param dir the database's folder; the send journals are in its sibling {@code data/journal},
     *            where a child process with {@code VERDICTS_DATA_DIR} at that {@code data} keeps them
     */
    public SenderFixture(Path dir) {
        digest = new DigestFixture(dir);
        ledger = new DeliveryLedger(digest.db.dataSource(), Clock.systemUTC(), dir.resolveSibling("data").resolve("journal"));
        digest.importPages("sample");
    }

    public static SendConfig fast(int connections) {
        return new SendConfig(connections, 0, 3, Duration.ofMillis(50), 25, Duration.ofSeconds(2));
    }

    public static SmtpMailer smtp(int port) {
        return new SmtpMailer(SmtpConfig.plain("127.0.0.1", port, Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    public EditionSender sender(Mailer mailer, SendConfig config, MailConfig mail) {
        return new EditionSender(ledger, digest.subscribers, digest.catalog,
                new EditionPlanner(digest.catalog, DigestFixture.config("UTC")),
                new EditionRenderer(new Templates(Path.of("templates")), DigestFixture.config("UTC")),
                new MessageComposer(mail, Clock.systemUTC()), mailer, config, DigestFixture.config("UTC"),
                digest.links, Clock.systemUTC());
    }

    /** A sender whose emails link to {@code links} (a test web server) instead of the default base. */
    public EditionSender sender(Mailer mailer, SendConfig config, com.verdictdigest.links.LinkBuilder links, java.net.URI base) {
        com.verdictdigest.digest.DigestConfig c = DigestFixture.config("UTC");
        com.verdictdigest.digest.DigestConfig digestConfig = new com.verdictdigest.digest.DigestConfig(c.zone(),
                c.maxComparisons(), c.sendEmpty(), c.maxHtmlBytes(), c.templatesDir(), base, c.comparisonsUrl(), c.postalAddress());
        return new EditionSender(ledger, digest.subscribers, digest.catalog,
                new EditionPlanner(digest.catalog, digestConfig), new EditionRenderer(new Templates(Path.of("templates")), digestConfig),
                new MessageComposer(MAIL, Clock.systemUTC()), mailer, config, digestConfig, links, Clock.systemUTC());
    }

    public EditionSender sender(Mailer mailer, SendConfig config) {
        return sender(mailer, config, MAIL);
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
