package com.verdictdigest.schedule;

import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** When the weekly digest goes out, and how late a missed run may still go. */
public record ScheduleConfig(String cron, ZoneId zone, Duration catchUp) {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm", Locale.ENGLISH);

    /** A time as the operator reads it: in the digest's zone, with the zone named ("Mon 30 Nov 2026, 09:00 Europe/Berlin"). */
    public String local(Instant time) {
        return LOCAL.format(time.atZone(zone)) + " " + zone.getId();
    }

    public static ScheduleConfig from(Settings s) {
        return new ScheduleConfig(s.get(Keys.DIGEST_SCHEDULE), s.get(Keys.DIGEST_TIMEZONE),
                Duration.ofHours(s.get(Keys.DIGEST_CATCH_UP_HOURS)));
    }
}
