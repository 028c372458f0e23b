package com.verdictdigest.alerts;

import com.verdictdigest.delivery.Pause;
import com.verdictdigest.delivery.RateLimiter;
import com.verdictdigest.mail.Mailer;
import com.verdictdigest.mail.OutgoingMessage;
import com.verdictdigest.mail.SendFailure;
import com.verdictdigest.subscribers.SubscriptionService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the bookmark alerts that are due: one pass over the readers with alerts on and news on
 * their bookmarks, each alert recorded as sending (durably) before its message goes out and as sent
 * or failed after. At most once: an alert whose outcome is unknown (the process died, the
 * connection broke while the relay had the message) is never sent again, and the ledger's key
 * allows one alert per reader per day (UTC), whatever number of processes pass at once.
 */
public final class AlertSender {
    private static final Logger log = LoggerFactory.getLogger(AlertSender.class);
    /** Readers read from the ledger at a time. */
    private static final int PAGE = 200;
    /** Longer than any one alert takes with all its tries: a claim older than this belongs to a process that died. */
    private static final Duration IN_DOUBT_AFTER = Duration.ofHours(1);
    /** The shortest gap between two alerts of a reader, besides one a calendar day. */
    private static final Duration GAP = Duration.ofDays(1);

    private final AlertLedger ledger;
    private final AlertMail mail;
    private final Mailer mailer;
    private final SubscriptionService subscriptions;
    private final AlertConfig config;
    private final Clock clock;
    /** Spaces the alerts of a pass evenly at send.rate a second (a pass sends on one connection). */
    private final RateLimiter rate;
    /** When the next message may go, at send.rate ({@link System#nanoTime}). */

    public AlertSender(DataSource db, AlertMail mail, Mailer mailer, SubscriptionService subscriptions, AlertConfig config,
                       Clock clock) {
        this.ledger = new AlertLedger(db);
        this.mail = mail;
        this.mailer = mailer;
        this.subscriptions = subscriptions;
        this.config = config;
        this.rate = new RateLimiter(config.ratePerSecond());
        this.clock = clock;
    }

    /** What became of one alert. */
    private enum Outcome { SENT, FAILED, RELAY_DOWN }

    /**
     * One pass: every reader due an alert now gets it, unless the relay cannot be reached (the rest
     * wait for the next pass).
     *
     * @throws AlertPreflightException when the alert templates render an email that fails preflight
     */
    public synchronized AlertRun sendDue() {
        Instant now = clock.instant();
        int inDoubt = ledger.closeInDoubt(now.minus(IN_DOUBT_AFTER), now);
        if (inDoubt > 0) {
            log.warn("{} alerts were left sending by a process that stopped: recorded as failed, not sent again", inDoubt);
        }
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant windowStart = now.minus(config.window());
        int sent = 0;
        int failed = 0;
        int deferred = 0;
        long after = 0;
        Mailer.Session[] session = {null};
        try {
            while (true) {
                List<AlertLedger.DueReader> page = ledger.due(windowStart, now.minus(GAP), day, after, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (AlertLedger.DueReader reader : page) {
                    after = reader.id();
                    List<VerdictChange> changes = ledger.changesFor(reader.id(), windowStart);
                    if (changes.isEmpty()) {
                        continue;
                    }
                    Alert alert = new Alert(reader.id(), reader.email(), day, changes);
                    OutgoingMessage message = mail.compose(alert); // a preflight failure stops the pass before any claim
                    if (!ledger.claim(alert, clock.instant())) {
                        continue; // left meanwhile, or another process took this reader's alert of the day
                    }
                    switch (deliver(alert, message, session)) {
                        case SENT -> sent++;
                        case FAILED -> failed++;
                        case RELAY_DOWN -> {
                            deferred++;
                            log.warn("Alerts: the relay cannot be reached; the rest wait for the next pass");
                            return summary(new AlertRun(sent, failed, deferred, inDoubt));
                        }
                    }
                }
            }
        } finally {
            if (session[0] != null) {
                session[0].close();
            }
        }
        return summary(new AlertRun(sent, failed, deferred, inDoubt));
    }

    private static AlertRun summary(AlertRun run) {
        if (run.sent() + run.failed() + run.deferred() + run.inDoubt() > 0) {
            log.info("Alerts: {}", run.summary());
        }
        return run;
    }

    /**
     * Tries the alert while the relay answers "try later" or cannot be reached, with exponential
     * back-off. A 4xx reply means the relay did not take the message (RFC 5321 section 4.2.1), so
     * another try cannot make a second copy; a connection that breaks while sending may have
     * delivered it, so that alert is in doubt and recorded as failed, never tried again.
     */
    private Outcome deliver(Alert alert, OutgoingMessage message, Mailer.Session[] session) {
        SendFailure last = null;
        boolean reached = false;
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            if (attempt > 1) {
                Pause.sleep(config.retryBase().toMillis() << Math.min(attempt - 2, 16));
            }
            if (session[0] == null) {
                try {
                    session[0] = mailer.open();
                } catch (SendFailure f) {
                    last = f; // no message was handed over: another try is safe
                    continue;
                }
            }
            reached = true;
            try {
                rate.acquire();
                session[0].send(message);
                ledger.sent(alert, clock.instant());
                return Outcome.SENT;
            } catch (SendFailure f) {
                last = f;
                session[0].close();
                session[0] = null;
                if (f.kind() != SendFailure.Kind.TEMPORARY) {
                    return failed(alert, f);
                }
            }
        }
        if (!reached) {
            ledger.release(alert); // the relay never had it: the reader is due again at the next pass
            return Outcome.RELAY_DOWN;
        }
        return failed(alert, last);
    }

    private Outcome failed(Alert alert, SendFailure failure) {
        if (failure.kind() == SendFailure.Kind.RECIPIENT_REJECTED) {
            subscriptions.bounced(alert.readerId(), null); // RFC 5321 section 4.2.5: a hard bounce
        }
        String why = failure.kind() == SendFailure.Kind.CONNECTION
                ? "in doubt: the connection broke while sending (" + failure.getMessage() + "); not sent again"
                : failure.getMessage();
        ledger.failed(alert, why, clock.instant());
        log.warn("Alert to reader {} failed: {}", alert.readerId(), why);
        return Outcome.FAILED;
    }
}
