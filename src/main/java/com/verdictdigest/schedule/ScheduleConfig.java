package com.verdictdigest.schedule;

import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import java.time.Duration;
import java.time.ZoneId;

/** When the weekly digest goes out, and how late a missed run may still go. */
public record ScheduleConfig(String cron, ZoneId zone, Duration catchUp) {

    public static ScheduleConfig from(Settings s) {
        return new ScheduleConfig(s.get(Keys.DIGEST_SCHEDULE), s.get(Keys.DIGEST_TIMEZONE),
                Duration.ofHours(s.get(Keys.DIGEST_CATCH_UP_HOURS)));
    }
}
