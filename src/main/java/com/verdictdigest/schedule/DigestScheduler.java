package com.verdictdigest.schedule;

import com.verdictdigest.digest.IsoWeek;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly schedule: Quartz with its JDBC job store in our database (tables from a migration),
 * clustered, so that any number of processes on one database fire each run once. A run missed
 * while every process was down fires once when one comes back (misfire: fire and proceed); the
 * {@link WeeklyRun} decides whether it is still in time. A changed cron or time zone in the
 * configuration replaces the stored trigger at the next start.
 */
public final class DigestScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);
    private static final JobKey JOB = JobKey.jobKey("weekly-digest", "verdicts");
    private static final TriggerKey TRIGGER = TriggerKey.triggerKey("weekly-digest", "verdicts");
    private static final String DATA_SOURCE = "verdicts";

    private final Scheduler scheduler;
    private final ScheduleConfig config;
    /** The planned time of a run that was missed, by trigger: Quartz fires it "now" and forgets when it was due. */
    private final java.util.Map<TriggerKey, Date> missed = new java.util.concurrent.ConcurrentHashMap<>();

    public DigestScheduler(DataSource db, ScheduleConfig config, WeeklyRun run, String instanceId) {
        this.config = config;
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return db.getConnection();
            }

            @Override
            public void shutdown() {
                // the pool belongs to the application, not to Quartz
            }

            @Override
            public void initialize() {
            }
        });
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "verdicts");
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", delegate(db));
        p.setProperty("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        try {
            StdSchedulerFactory factory = new StdSchedulerFactory(p);
            scheduler = factory.getScheduler();
            scheduler.setJobFactory((bundle, s) -> new RunJob(run, config, missed));
            scheduler.getListenerManager().addTriggerListener(new MisfireListener(missed));
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot set up the scheduler: " + e.getMessage(), e);
        }
    }

    private static String delegate(DataSource db) {
        try (Connection con = db.getConnection()) {
            return con.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
                    ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    /** Stores (or replaces, when the configuration changed) the weekly trigger and starts firing. */
    public DigestScheduler start() {
        try {
            JobDetail job = JobBuilder.newJob(RunJob.class).withIdentity(JOB).storeDurably().requestRecovery(true).build();
            CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB)
                    .withSchedule(CronScheduleBuilder.cronSchedule(config.cron()).inTimeZone(TimeZone.getTimeZone(config.zone()))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            Trigger existing = scheduler.getTrigger(TRIGGER);
            if (existing == null) {
                scheduler.addJob(job, true);
                scheduler.scheduleJob(trigger);
            } else if (existing instanceof CronTrigger cron && (!cron.getCronExpression().equals(config.cron())
                    || !cron.getTimeZone().getID().equals(config.zone().getId()))) {
                log.info("Schedule changed to '{}' in {}", config.cron(), config.zone());
                scheduler.rescheduleJob(TRIGGER, trigger);
            }
            scheduler.start();
            return this;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the scheduler: " + e.getMessage(), e);
        }
    }

    public Optional<Instant> nextRun() {
        try {
            Trigger t = scheduler.getTrigger(TRIGGER);
            return t == null || t.getNextFireTime() == null ? Optional.empty() : Optional.of(t.getNextFireTime().toInstant());
        } catch (SchedulerException e) {
            return Optional.empty();
        }
    }

    public boolean isRunning() {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** Stops firing; a run in progress is left to finish (its sender is stopped by its owner). */
    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            log.warn("Scheduler did not stop cleanly: {}", e.getMessage());
        }
    }

    /** The Quartz job: hands the run to {@link WeeklyRun}; one at a time across the cluster. */
    @DisallowConcurrentExecution
    public static final class RunJob implements Job {
        private final WeeklyRun run;
        private final ScheduleConfig config;
        private final java.util.Map<TriggerKey, Date> missed;

        RunJob(WeeklyRun run, ScheduleConfig config, java.util.Map<TriggerKey, Date> missed) {
            this.run = run;
            this.config = config;
            this.missed = missed;
        }

        @Override
        public void execute(JobExecutionContext context) {
            Date planned = missed.remove(context.getTrigger().getKey());
            Date scheduled = planned != null ? planned : context.getScheduledFireTime();
            Instant when = scheduled == null ? Instant.now() : scheduled.toInstant();
            run.run(when, IsoWeek.of(when, config.zone()).previous());
        }
    }

    /**
     * Notes when a misfired run was due. Quartz calls this before it moves the trigger to "fire now"
     * (JobStoreSupport.doUpdateOfMisfiredTrigger), so the trigger still holds the missed time.
     */
    private static final class MisfireListener extends org.quartz.listeners.TriggerListenerSupport {
        private final java.util.Map<TriggerKey, Date> missed;

        MisfireListener(java.util.Map<TriggerKey, Date> missed) {
            this.missed = missed;
        }

        @Override
        public String getName() {
            return "verdicts-misfires";
        }

        @Override
        public void triggerMisfired(Trigger trigger) {
            if (trigger.getNextFireTime() != null) {
                missed.put(trigger.getKey(), trigger.getNextFireTime());
            }
        }
    }
}
