package com.verdictdigest.testing;

import com.verdictdigest.bounces.BounceConfig;
import com.verdictdigest.bounces.BounceReasons;
import com.verdictdigest.bounces.ReportParser;
import com.verdictdigest.bounces.ReportProcessor;
import com.verdictdigest.bounces.ReportStore;
import com.verdictdigest.delivery.SendSummary;
import com.verdictdigest.events.Event;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.mail.MailConfig;
import com.verdictdigest.store.StoreConfig;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.week.IsoWeek;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The delivery engine and the report processor over one real database, sending with signed per-reader return paths. */
public final class BounceFixture implements AutoCloseable {
    public static final String RETURN_PATH = "bounces@verdicts.example";
    public static final MailConfig MAIL = new MailConfig(SenderFixture.MAIL.from(), SenderFixture.MAIL.replyTo(),
            SenderFixture.MAIL.unsubscribeMailto(), SenderFixture.MAIL.listId(), true, null, RETURN_PATH, true,
            "a-test-secret-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8));

    public final SenderFixture fx;
    public final ReportStore reports;
    public final EventLog events;

    public BounceFixture(Path dir) {
        this(new SenderFixture(dir));
    }

    public BounceFixture(Path dir, StoreConfig store) {
        this(new SenderFixture(dir, store));
    }

    private BounceFixture(SenderFixture fx) {
        this.fx = fx;
        this.reports = new ReportStore(fx.digest.db.dataSource());
        this.events = new EventLog(fx.digest.db.dataSource(), Clock.systemUTC());
    }

    /** The defaults of the configuration: 3 soft bounces in 30 days; address matches for readers mailed within 14 days. */
    public static BounceConfig config() {
        return new BounceConfig(null, "", Duration.ofMinutes(5), 3, Duration.ofDays(30), Duration.ofDays(14));
    }

    public ReportProcessor processor(BounceConfig config) {
        ReportParser parser = new ReportParser(BounceReasons.standard(), RETURN_PATH, "verdicts.example", Set.of("verdicts.example"));
        return new ReportProcessor(fx.digest.db.dataSource(), parser, reports, MAIL.verp(), MAIL.messageIds(), fx.digest.subscribers,
                fx.subscriptions, config, Clock.systemUTC());
    }

    /** Sends the edition of {@code week} to every active reader through the SMTP server on {@code port}. */
    public SendSummary send(IsoWeek week, int port) {
        return fx.sender(SenderFixture.smtp(port), SenderFixture.fast(2), MAIL).send(week);
    }

    public Subscriber reader(String email) {
        return fx.digest.subscribers.find(EmailAddress.parse(email)).orElseThrow();
    }

    /** The events of this kind, in order. */
    public List<Event> events(String kind) {
        return events.list(null).stream().filter(e -> e.kind().equals(kind)).toList();
    }

    @Override
    public void close() {
        fx.close();
    }
}
