package com.verdictdigest.app;

import com.verdictdigest.admin.Admin;
import com.verdictdigest.admin.AdminToken;
import com.verdictdigest.admin.Operator;
import com.verdictdigest.alerts.AlertConfig;
import com.verdictdigest.alerts.AlertPreflightException;
import com.verdictdigest.alerts.AlertSender;
import com.verdictdigest.bounces.BounceConfig;
import com.verdictdigest.bounces.BounceMailbox;
import com.verdictdigest.config.ConfigException;
import com.verdictdigest.config.Keys;
import com.verdictdigest.config.SiteAddress;
import com.verdictdigest.delivery.EditionControl;
import com.verdictdigest.editions.EditionStatus;
import com.verdictdigest.editions.Preflight;
import com.verdictdigest.schedule.DigestScheduler;
import com.verdictdigest.schedule.ScheduleConfig;
import com.verdictdigest.schedule.WeeklyDigest;
import com.verdictdigest.store.StoreException;
import com.verdictdigest.web.WebServer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve}: the web server, the weekly schedule and sending, and the bookmark alerts, in one process. On start it
 * resumes any edition that a stop or a crash interrupted; on close it stops sending between
 * messages (the ledger stays exact), then the schedule, then the web server.
 */
public final class Service implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Service.class);

    private final App app;
    private final EditionControl control;
    private final DigestScheduler scheduler;
    private final WebServer web;
    private final AdminToken token;

    public Service(App app) {
        this.app = app;
        app.mailer(); // a relay setting that cannot work stops start-up, not the first send
        this.control = new EditionControl(app.editions(), app.ledger(), app.preparer(), app::sender);
        ScheduleConfig schedule = ScheduleConfig.from(app.settings());
        WeeklyDigest weekly = new WeeklyDigest(app.importer(), control, app.editions(), schedule.catchUp(), app.clock());
        this.scheduler = new DigestScheduler(app.database().dataSource(), schedule, (scheduled, week) -> {
            weekly.run(scheduled, week);
            sendAlerts(app.alerts()); // the import may have changed verdicts: their alerts go now, not at the next poll
        }, "verdicts-" + UUID.randomUUID(), app.clock());
        scheduler.every("bookmark-alerts", AlertConfig.from(app.settings()).poll(), () -> sendAlerts(app.alerts()));
        BounceMailbox mailbox = app.bounceMailbox();
        if (mailbox != null) {
            scheduler.every("bounce-mailbox", BounceConfig.from(app.settings()).poll(), () -> poll(mailbox));
        }
        try {
            this.token = AdminToken.resolve(app.settings().get(Keys.ADMIN_TOKEN), app.settings().get(Keys.DATA_DIR));
            Operator operator = new Operator(app.editions(), app.ledger(), app.events(), app.reports(), control, app.proofs(),
                    scheduler::nextRun, app.outbox());
            this.web = app.webServer(List.of(new Admin(operator, token, app.templates(), app.clock(), schedule,
                    "https".equals(SiteAddress.of(app.settings()).getScheme()), app.settings().get(Keys.HTTP_TRUSTED_PROXIES))),
                    () -> app.databaseUp() && scheduler.isRunning());
        } catch (RuntimeException e) {
            // Quartz registers its scheduler JVM-wide: a half-built service must not leave it behind.
            scheduler.close();
            control.close();
            throw e;
        }
    }

    /** One poll of the bounce mailbox: a mailbox or database out of reach is one line, and the next poll tries again. */
    private static void poll(BounceMailbox mailbox) {
        try {
            BounceMailbox.Poll p = mailbox.poll();
            if (p.read() > 0) {
                log.info("Bounce mailbox: read {} messages ({} new, {} read before)", p.read(), p.acted(), p.readBefore());
            }
        } catch (BounceMailbox.MailboxException | StoreException e) {
            log.warn("Bounce mailbox not read: {}; trying again at the next poll", e.getMessage());
        }
    }

    /** One pass of the bookmark alerts: a failure is one line, and the next pass tries again. */
    private static void sendAlerts(AlertSender alerts) {
        try {
            alerts.sendDue();
        } catch (AlertPreflightException | StoreException e) {
            log.error("Bookmark alerts not sent: {}; trying again at the next pass", e.getMessage());
        }
    }

    /** Starts serving, scheduling and resuming; when any of it fails, what had started is stopped again. */
    public Service start() {
        try {
            web.start(); // an address it cannot listen on is the first thing to say
            List<String> welcomeProblems = new Preflight(app.digestConfig()).check(app.welcomeMail().sample());
            if (!welcomeProblems.isEmpty()) {
                // As a digest's: an operator would rather fix a template than welcome every new reader with a broken email.
                throw new ConfigException("templates.dir: the welcome email (templates/welcome.*.vm) failed preflight: "
                        + String.join("; ", welcomeProblems));
            }
            app.confirmationQueue().start();
            app.welcomeQueue().start();
            scheduler.start();
            app.editions().all().stream().filter(e -> e.status() == EditionStatus.SENDING).forEach(e -> {
                log.info("Resuming {}, interrupted while sending", e.week());
                control.trigger(e.week());
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    public int port() {
        return web.port();
    }

    public AdminToken adminToken() {
        return token;
    }

    public Optional<Instant> nextRun() {
        return scheduler.nextRun();
    }

    public EditionControl control() {
        return control;
    }

    /** Stops in the order that starts nothing new: the schedule, the web server (no more triggers), then the sends. */
    @Override
    public void close() {
        scheduler.close();
        web.close();
        control.close();
    }
}
