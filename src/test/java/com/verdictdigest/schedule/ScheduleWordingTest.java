package com.verdictdigest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The schedule as the welcome email tells it, in digest.timezone. */
class ScheduleWordingTest {
    /** A Monday, 07:59 in Berlin: a minute before a weekly run at 08:00. */
    private static final Instant MONDAY = Instant.parse("2026-11-30T06:59:00Z");

    private static String words(String cron, String zone, Instant now) {
        return new ScheduleWording(new ScheduleConfig(cron, ZoneId.of(zone), Duration.ofHours(6))).words(now);
    }

    @Test
    void aWeeklyRunIsItsDayAndTimeInTheDigestsZone() {
        assertThat(words("0 0 8 ? * MON", "Europe/Berlin", MONDAY)).isEqualTo("every Monday at 08:00, Europe/Berlin time");
        assertThat(words("0 30 7 ? * TUE", "America/New_York", MONDAY))
                .isEqualTo("every Tuesday at 07:30, America/New_York time");
    }

    @Test
    void theWordsHoldAtTheMomentOfARunAndAcrossAChangeOfClocks() {
        Instant atTheRun = Instant.parse("2026-11-30T07:00:00Z");
        assertThat(words("0 0 8 ? * MON", "Europe/Berlin", atTheRun)).isEqualTo("every Monday at 08:00, Europe/Berlin time");
        Instant beforeSummerTime = Instant.parse("2027-03-15T06:30:00Z"); // Berlin's clocks go forward on 28 March
        assertThat(words("0 0 8 ? * MON", "Europe/Berlin", beforeSummerTime)).isEqualTo("every Monday at 08:00, Europe/Berlin time");
    }

    @Test
    void severalDaysAreListedAndEveryDayIsSaidSo() {
        assertThat(words("0 0 9 ? * MON,THU", "UTC", MONDAY)).isEqualTo("every Monday and Thursday at 09:00, UTC time");
        assertThat(words("0 0 9 ? * MON-WED", "UTC", MONDAY)).isEqualTo("every Monday, Tuesday and Wednesday at 09:00, UTC time");
        assertThat(words("0 0 9 * * ?", "UTC", MONDAY)).isEqualTo("every day at 09:00, UTC time");
    }

    @Test
    void aScheduleThatIsNotTheSameEveryWeekIsToldByItsNextRun() {
        assertThat(words("0 0 9 1 * ?", "Europe/Berlin", MONDAY)).isEqualTo("next on Tue 1 Dec 2026, 09:00 Europe/Berlin");
        assertThat(words("0 0 9,17 ? * MON", "UTC", MONDAY)).isEqualTo("next on Mon 30 Nov 2026, 09:00 UTC");
    }
}
