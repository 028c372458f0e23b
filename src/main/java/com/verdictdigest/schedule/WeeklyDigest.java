package com.verdictdigest.schedule;

import com.verdictdigest.catalog.CatalogImporter;
import com.verdictdigest.catalog.ImportReport;
import com.verdictdigest.delivery.EditionControl;
import com.verdictdigest.delivery.EditionSender;
import com.verdictdigest.editions.EditionStore;
import com.verdictdigest.week.IsoWeek;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weekly run: read the site, then send the edition of the week that just ended, unless the run
 * comes later than {@code digest.catch-up-hours} after its planned time (then it is recorded as
 * skipped, with the reason). The edition is unique per week, so a second firing sends nothing.
 */
public final class WeeklyDigest implements WeeklyRun {
    private static final Logger log = LoggerFactory.getLogger(WeeklyDigest.class);
    private static final Duration ON_TIME = Duration.ofSeconds(5);

    private final CatalogImporter importer;
    private final EditionControl control;
    private final EditionStore editions;
    private final Duration catchUp;
    private final Clock clock;

    public WeeklyDigest(CatalogImporter importer, EditionControl control, EditionStore editions, Duration catchUp, Clock clock) {
        this.importer = importer;
        this.control = control;
        this.editions = editions;
        this.catchUp = catchUp;
        this.clock = clock;
    }

    @Override
    public void run(Instant scheduled, IsoWeek week) {
        Duration late = Duration.between(scheduled, clock.instant());
        // A run on time still starts a few seconds after its planned time (Quartz's misfire threshold).
        if (late.compareTo(catchUp.plus(ON_TIME)) > 0) {
            String reason = "the run planned for " + scheduled + " came " + late.toHours() + " h late, past digest.catch-up-hours ("
                    + catchUp.toHours() + " h)";
            log.warn("Skipping {}: {}", week, reason);
            editions.skipWeek(week, reason);
            return;
        }
        try {
            ImportReport report = importer.importFrom(List.of());
            log.info("Scheduled run for {}: {}", week, report.summary());
        } catch (RuntimeException e) {
            // Whatever the site does, the week goes out with what the catalog holds.
            log.error("Scheduled run for {}: reading the site failed ({}); sending what the catalog holds", week, e.getMessage());
        }
        try {
            log.info("Scheduled send of {}: {}", week, control.trigger(week, EditionSender.Caller.SCHEDULE));
        } catch (RuntimeException e) {
            log.error("Scheduled send of {} did not start: {}", week, e.getMessage());
        }
    }
}
