package com.verdictdigest.schedule;

import com.verdictdigest.week.IsoWeek;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
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
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
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
    private static final String SCHEDULER_NAME = "verdicts";

    private static final String PERIODIC = "periodic";
    /** How long a shutdown waits for the runs in progress. */
    private static final Duration RUNS_FINISH = Duration.ofMinutes(1);

    private final Scheduler scheduler;
    private final ScheduleConfig config;
    /** Tasks run every so often, by name, with their interval: registered before {@link #start}. */
    private final Map<String, Runnable> periodicTasks = new ConcurrentHashMap<>();
    private final Map<String, Duration> intervals = new ConcurrentHashMap<>();

    /** @param clock the application's clock: a firing's planned time, and so its week, is read from it */
    public DigestScheduler(DataSource db, ScheduleConfig config, WeeklyRun run, String instanceId, Clock clock) {
        this.config = config;
        if (org.quartz.impl.SchedulerRepository.getInstance().lookup(SCHEDULER_NAME) != null) {
            // Quartz keeps schedulers by name per JVM: a second one would silently share the first.
            throw new IllegalStateException("a digest scheduler already runs in this process");
        }
        // Quartz looks its connections up by name in a JVM-wide registry: one name per scheduler instance.
        String dataSource = "verdicts-" + instanceId;
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new ConnectionProvider() {
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
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.setProperty("org.quartz.scheduler.instanceId", instanceId);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", delegate(db));
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "5000");
        Scheduler created = null;
        try {
            created = new StdSchedulerFactory(p).getScheduler();
            created.setJobFactory((bundle, s) -> bundle.getJobDetail().getKey().equals(JOB) ? new RunJob(run, config, clock)
                    : new PeriodicJob(bundle.getJobDetail().getKey().getName(), periodicTasks));
        } catch (SchedulerException e) {
            shutDown(created); // Quartz registered it JVM-wide on creation
            throw new IllegalStateException("cannot set up the scheduler: " + e.getMessage(), e);
        }
        scheduler = created;
    }

    private static String delegate(DataSource db) {
        try (Connection con = db.getConnection()) {
            return con.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")
                    ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    /**
     * Adds a task run every {@code interval} by one process of the cluster at a time (such as
     * reading the bounce mailbox). Call before {@link #start}.
     */
    public DigestScheduler every(String name, Duration interval, Runnable task) {
        periodicTasks.put(name, task);
        intervals.put(name, interval);
        return this;
    }

    /** Stores (or replaces, when the configuration changed) the weekly trigger and starts firing. */
    public DigestScheduler start() {
        try {
            // A task no longer configured (bounces.mailbox emptied) stops firing, rather than fire for nothing.
            for (JobKey stored : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(PERIODIC))) {
                if (!intervals.containsKey(stored.getName())) {
                    scheduler.deleteJob(stored);
                }
            }
            for (Map.Entry<String, Duration> e : intervals.entrySet()) {
                JobDetail job = JobBuilder.newJob(PeriodicJob.class).withIdentity(e.getKey(), PERIODIC).storeDurably().build();
                Trigger every = TriggerBuilder.newTrigger().withIdentity(e.getKey(), PERIODIC).forJob(job).startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(e.getValue().toMillis())
                                .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                        .build();
                scheduler.scheduleJob(job, java.util.Set.of(every), true); // this process's interval replaces a stored one
            }
            JobDetail job = JobBuilder.newJob(RunJob.class).withIdentity(JOB).storeDurably().requestRecovery(true).build();
            CronTrigger trigger = TriggerBuilder.newTrigger().withIdentity(TRIGGER).forJob(JOB)
                    .withSchedule(CronScheduleBuilder.cronSchedule(config.cron()).inTimeZone(TimeZone.getTimeZone(config.zone()))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            Trigger existing = scheduler.getTrigger(TRIGGER);
            if (existing == null) {
                try {
                    scheduler.scheduleJob(job, java.util.Set.of(trigger), false);
                } catch (org.quartz.ObjectAlreadyExistsException e) {
                    log.debug("Another process stored the weekly trigger first");
                }
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

    /**
     * The latest time at or before {@code now} that the cron names (Quartz's CronExpression has no
     * "time before"): look back over growing windows, so a per-second cron and a weekly one are both cheap.
     */
    static Optional<Instant> latestPlannedTime(ScheduleConfig config, Instant now) {
        org.quartz.CronExpression cron;
        try {
            cron = new org.quartz.CronExpression(config.cron());
        } catch (java.text.ParseException e) {
            return Optional.empty();
        }
        cron.setTimeZone(TimeZone.getTimeZone(config.zone()));
        Date end = Date.from(now.plusMillis(1));
        for (long window = 60_000; window <= 400L * 24 * 3_600_000; window *= 2) {
            Date latest = null;
            Date t = cron.getNextValidTimeAfter(Date.from(now.minusMillis(window)));
            while (t != null && t.before(end)) {
                latest = t;
                t = cron.getNextValidTimeAfter(t);
            }
            if (latest != null) {
                return Optional.of(latest.toInstant());
            }
        }
        return Optional.empty();
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
        shutDown(scheduler);
    }

    /**
     * Stops firing, lets the runs in progress finish (up to {@link #RUNS_FINISH}), then shuts down.
     * Not Quartz's own "shut down and wait for the jobs": a job whose end cannot be recorded (the
     * database is gone) retries that until the job store shuts down, which that wait never lets happen.
     */
    private static void shutDown(Scheduler scheduler) {
        if (scheduler == null) {
            return;
        }
        try {
            scheduler.standby();
            Instant until = Instant.now().plus(RUNS_FINISH);
            while (!scheduler.getCurrentlyExecutingJobs().isEmpty() && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            log.warn("Scheduler did not stop cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                scheduler.shutdown(false);
            } catch (SchedulerException again) {
                log.warn("Scheduler did not stop cleanly: {}", again.getMessage());
            }
        }
    }

    /** A task run every so often; one at a time across the cluster. A failure waits for the next turn. */
    @DisallowConcurrentExecution
    public static final class PeriodicJob implements Job {
        private final String name;
        private final Map<String, Runnable> tasks;

        PeriodicJob(String name, Map<String, Runnable> tasks) {
            this.name = name;
            this.tasks = tasks;
        }

        @Override
        public void execute(JobExecutionContext context) {
            Runnable task = tasks.get(name);
            if (task == null) {
                log.debug("No task '{}' in this process", name);
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", name, e.getMessage());
            }
        }
    }

    /** The Quartz job: hands the run to {@link WeeklyRun}; one at a time across the cluster. */
    @DisallowConcurrentExecution
    public static final class RunJob implements Job {
        private final WeeklyRun run;
        private final ScheduleConfig config;
        private final Clock clock;

        RunJob(WeeklyRun run, ScheduleConfig config, Clock clock) {
            this.run = run;
            this.config = config;
            this.clock = clock;
        }

        @Override
        public void execute(JobExecutionContext context) {
            // Quartz fires a misfired run "now" and forgets when it was due; the cron itself says:
            // the run is for the latest planned time that has come, whichever process fires it.
            Instant now = clock.instant();
            Instant planned = latestPlannedTime(config, now).orElse(now);
            log.info("Schedule fired (due {})", context.getScheduledFireTime().toInstant());
            run.run(planned, IsoWeek.of(planned, config.zone()).previous());
        }
    }
}
