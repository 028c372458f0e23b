package com.verdictdigest.schedule;

import com.verdictdigest.week.IsoWeek;
import java.time.Instant;

/** What the schedule does when it fires: the work lives elsewhere, the scheduler only decides when. */
@FunctionalInterface
public interface WeeklyRun {
    /**
     * @param scheduled when this run was planned to start (later than now after a misfire)
     * @param week      the edition it is for: the week that ended before {@code scheduled}
     */
    void run(Instant scheduled, IsoWeek week);
}
