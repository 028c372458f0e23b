package com.verdictdigest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.catalog.CatalogConfig;
import com.verdictdigest.catalog.CatalogImporter;
import com.verdictdigest.delivery.EditionControl;
import com.verdictdigest.editions.EditionRecord;
import com.verdictdigest.editions.EditionStatus;
import com.verdictdigest.mail.OutboxMailer;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.SitePages;
import com.verdictdigest.week.IsoWeek;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Quartz schedule over the real database: firing, catching up after down time, and never twice. */
class DigestSchedulerTest {
    private static final String EVERY_TWO_SECONDS = "0/2 * * * * ?";
    private static final ZoneId UTC = ZoneId.of("UTC");
    /** The application's clock as it would read on Tuesday of 2026-W49, whatever today is: last week is the sample week. */
    private static final Clock IN_W49 = Clock.offset(Clock.systemUTC(),
            Duration.between(Instant.now(), Instant.parse("2026-12-01T10:00:00Z")));

    @TempDir
    Path dir;
    private SenderFixture fx;
    private EditionControl control;
    private DigestScheduler scheduler;

    @BeforeEach
    void setUp() {
        fx = new SenderFixture(dir.resolve("db"));
        fx.readers(5, "r", SubscriberStatus.ACTIVE);
        control = fx.control(new OutboxMailer(dir.resolve("outbox")), SenderFixture.fast(2));
    }

    @AfterEach
    void tearDown() {
        if (scheduler != null) {
            scheduler.close();
        }
        control.close();
        fx.close();
    }

    private WeeklyDigest weekly(Duration catchUp, Clock clock) {
        return new WeeklyDigest(new CatalogImporter(new CatalogConfig("sample", 2_000_000, Duration.ofSeconds(5), 500),
                fx.digest.catalog), control, fx.editions, catchUp, clock);
    }

    private long outboxFiles() throws Exception {
        if (!Files.isDirectory(dir.resolve("outbox"))) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir.resolve("outbox"))) {
            return s.filter(p -> p.toString().endsWith(".eml")).count();
        }
    }

    @Test
    void scheduleFiresAndSendsTheWeekThatJustEndedOnce() throws Exception {
        IsoWeek lastWeek = IsoWeek.parse("2026-W48");
        WeeklyDigest weekly = weekly(Duration.ofHours(24), IN_W49);
        List<IsoWeek> firings = new CopyOnWriteArrayList<>();
        scheduler = new DigestScheduler(fx.digest.db.dataSource(), new ScheduleConfig(EVERY_TWO_SECONDS, UTC, Duration.ofHours(24)),
                (planned, week) -> {
                    weekly.run(planned, week);
                    firings.add(week);
                }, "test-a", IN_W49).start();
        assertThat(scheduler.isRunning()).isTrue();
        assertThat(scheduler.nextRun()).isPresent();

        Poll.until(() -> fx.editions.find(lastWeek).map(e -> e.status() == EditionStatus.SENT).orElse(false), Duration.ofSeconds(30));
        int fired = firings.size();
        Poll.until(() -> firings.size() >= fired + 2, Duration.ofSeconds(10)); // two more firings: they must send nothing more

        assertThat(firings).as("every firing was for the week that just ended").containsOnly(lastWeek).hasSizeGreaterThanOrEqualTo(fired + 2);
        assertThat(fx.editions.find(lastWeek).orElseThrow().status()).isEqualTo(EditionStatus.SENT);
        assertThat(outboxFiles()).isEqualTo(5);
        assertThat(fx.editions.all()).hasSize(1);
    }

    @Test
    void aRunMissedWhileDownFiresOnceOnRestartAndIsSkippedPastTheCatchUpWindow() throws Exception {
        List<Instant> runs = new CopyOnWriteArrayList<>();
        // Due once a day, four seconds from now: the process is "down" before it is due.
        java.time.ZonedDateTime due = java.time.ZonedDateTime.now(UTC).plusSeconds(4);
        String daily = due.getSecond() + " " + due.getMinute() + " " + due.getHour() + " * * ?";
        scheduler = new DigestScheduler(fx.digest.db.dataSource(), new ScheduleConfig(daily, UTC, Duration.ZERO),
                (scheduled, week) -> runs.add(scheduled), "test-a", Clock.systemUTC());
        scheduler.start();
        Instant missed = scheduler.nextRun().orElseThrow();
        scheduler.close(); // "down" across the planned time
        Poll.until(() -> Instant.now().isAfter(missed.plusSeconds(9)), Duration.ofSeconds(15));
        assertThat(runs).isEmpty();

        IsoWeek week = IsoWeek.of(missed, UTC).previous();
        WeeklyDigest strict = weekly(Duration.ofSeconds(1), Clock.systemUTC());
        scheduler = new DigestScheduler(fx.digest.db.dataSource(), new ScheduleConfig(daily, UTC, Duration.ofSeconds(1)),
                (scheduled, w) -> {
                    strict.run(scheduled, w);
                    runs.add(scheduled); // once the run has done its work
                }, "test-b", Clock.systemUTC()).start();
        Poll.until(() -> !runs.isEmpty(), Duration.ofSeconds(45));

        assertThat(scheduler.nextRun().orElseThrow()).as("nothing more is due today").isAfter(missed.plus(Duration.ofHours(23)));
        assertThat(runs).as("the missed run fires once on restart, with its planned time").containsExactly(missed);
        EditionRecord skipped = fx.editions.find(week).orElseThrow();
        assertThat(skipped.status()).isEqualTo(EditionStatus.SKIPPED);
        assertThat(skipped.statusReason()).contains("past digest.catch-up-hours");
        assertThat(outboxFiles()).isZero();
    }

    @Test
    void afterSeveralMissedRunsOneFiringGoesOutForTheLatestOfThem() throws Exception {
        ScheduleConfig everyTwoSeconds = new ScheduleConfig(EVERY_TWO_SECONDS, UTC, Duration.ofHours(24));
        scheduler = new DigestScheduler(fx.digest.db.dataSource(), everyTwoSeconds, (planned, week) -> { }, "test-a",
                Clock.systemUTC()).start();
        scheduler.close(); // down across at least three planned runs, longer than Quartz's misfire threshold
        Instant down = Instant.now();
        Poll.until(() -> Instant.now().isAfter(down.plusSeconds(7)), Duration.ofSeconds(10));

        List<Instant> runs = new CopyOnWriteArrayList<>();
        Instant restart = Instant.now();
        scheduler = new DigestScheduler(fx.digest.db.dataSource(), everyTwoSeconds, (planned, week) -> runs.add(planned),
                "test-b", Clock.systemUTC()).start();
        // Quartz takes a missed run up within its misfire check, at once or some seconds later.
        Poll.until(() -> !runs.isEmpty(), Duration.ofSeconds(45));

        assertThat(runs).isNotEmpty();
        assertThat(runs.get(0)).as("the firing is for the latest missed run, not the earliest").isAfter(restart.minusSeconds(2));
        // Had Quartz kept the other missed runs, the next one due would lie before the restart.
        assertThat(scheduler.nextRun().orElseThrow()).as("no missed run is left to fire").isAfter(restart);
    }

    @Test
    void aPeriodicTaskRunsEveryIntervalAndNeverOverlapsItself() throws Exception {
        List<Instant[]> runs = new CopyOnWriteArrayList<>();
        scheduler = new DigestScheduler(fx.digest.db.dataSource(), new ScheduleConfig("0 0 9 ? * MON", UTC, Duration.ofHours(24)),
                (planned, week) -> { }, "test-periodic", Clock.systemUTC())
                .every("bounce-mailbox", Duration.ofMillis(500), () -> {
                    Instant start = Instant.now();
                    try {
                        Thread.sleep(700); // longer than the interval: a second run must wait for the first
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    runs.add(new Instant[] {start, Instant.now()});
                })
                .start();

        Poll.until(() -> runs.size() >= 3, Duration.ofSeconds(20));

        assertThat(runs).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i)[0]).as("run " + i + " starts after run " + (i - 1) + " ended").isAfterOrEqualTo(runs.get(i - 1)[1]);
        }

        // Started again without the task (bounces.mailbox emptied): it is no longer stored to fire.
        scheduler.close();
        scheduler = new DigestScheduler(fx.digest.db.dataSource(), new ScheduleConfig("0 0 9 ? * MON", UTC, Duration.ofHours(24)),
                (planned, week) -> { }, "test-periodic-2", Clock.systemUTC()).start();
        try (var con = fx.digest.db.connection(); var st = con.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM QRTZ_JOB_DETAILS WHERE JOB_GROUP = 'periodic'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void theLatestPlannedTimeIsFoundForFrequentAndWeeklySchedules() {
        Instant now = Instant.parse("2026-11-26T10:15:03.500Z"); // a Thursday
        assertThat(DigestScheduler.latestPlannedTime(new ScheduleConfig("0/2 * * * * ?", UTC, Duration.ZERO), now))
                .contains(Instant.parse("2026-11-26T10:15:02Z"));
        assertThat(DigestScheduler.latestPlannedTime(new ScheduleConfig("0 0 9 ? * MON", UTC, Duration.ZERO), now))
                .contains(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(DigestScheduler.latestPlannedTime(new ScheduleConfig("0 0 9 ? * MON", ZoneId.of("Europe/Berlin"), Duration.ZERO), now))
                .contains(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void aScheduledRunSendsTheWeekWhateverOnePageOfTheSiteDoes() throws Exception {
        Path site = SitePages.siteWithAnOverLongMiddlePage(dir.resolve("site"), Instant.parse("2026-11-24T10:00:00Z"));
        WeeklyDigest weekly = new WeeklyDigest(new CatalogImporter(new CatalogConfig(site.toString(), 2_000_000,
                Duration.ofSeconds(5), 500), fx.digest.catalog), control, fx.editions, Duration.ofHours(24), IN_W49);
        IsoWeek week = IsoWeek.parse("2026-W48");

        weekly.run(Instant.parse("2026-12-01T09:30:00Z"), week); // half an hour late by IN_W49
        Poll.until(() -> fx.editions.find(week).map(e -> e.status() == EditionStatus.SENT).orElse(false), Duration.ofSeconds(20));

        EditionRecord edition = fx.editions.find(week).orElseThrow();
        assertThat(edition.status()).isEqualTo(EditionStatus.SENT);
        assertThat(fx.editions.comparisonSlugs(edition.id())).contains("a-first", "c-last").doesNotContain("b-too-long");
        assertThat(outboxFiles()).isEqualTo(5);
    }

    @Test
    void aMissedRunWithinTheCatchUpWindowStillGoesOut() throws Exception {
        IsoWeek week = IsoWeek.parse("2026-W48");
        weekly(Duration.ofHours(24), Clock.systemUTC()).run(Instant.now().minus(Duration.ofHours(3)), week);
        Poll.until(() -> fx.editions.find(week).map(e -> e.status() == EditionStatus.SENT).orElse(false), Duration.ofSeconds(20));
        assertThat(fx.editions.find(week).orElseThrow().status()).isEqualTo(EditionStatus.SENT);
        assertThat(outboxFiles()).isEqualTo(5);
    }

    @Test
    void scheduleManualTriggerAndASecondSenderMakeOneEditionAndOneMessagePerReader() throws Exception {
        IsoWeek week = IsoWeek.parse("2026-W48");
        EditionControl second = fx.control(new OutboxMailer(dir.resolve("outbox")), SenderFixture.fast(2));
        try {
            Thread scheduled = new Thread(() -> weekly(Duration.ofHours(24), Clock.systemUTC()).run(Instant.now(), week));
            scheduled.start();
            control.trigger(week);
            second.trigger(week);
            scheduled.join();
            Poll.until(() -> fx.editions.find(week).map(e -> e.status() == EditionStatus.SENT).orElse(false)
                    && !control.isBusy() && !second.isBusy(), Duration.ofSeconds(30));
        } finally {
            second.close();
        }
        assertThat(fx.editions.all()).hasSize(1);
        assertThat(outboxFiles()).isEqualTo(5);
        assertThat(control.trigger(week)).isEqualTo(EditionControl.Triggered.ALREADY_SENT);
    }
}
