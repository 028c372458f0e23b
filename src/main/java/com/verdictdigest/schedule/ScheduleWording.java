package com.verdictdigest.schedule;

import java.text.ParseException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.quartz.CronExpression;

/**
 * The digest's schedule in a reader's words, in {@code digest.timezone}: "every Monday at 09:00,
 * Europe/Berlin time". A cron that is not the same every week (the first of the month, say) is
 * told by its next time instead.
 */
public final class ScheduleWording {
    /** Four weeks from now, counted in the zone's days: a weekly pattern shows each of its times exactly four times in them. */
    private static final int WEEKS = 4;
    private static final int MAX_TIMES = WEEKS * 7 * 24;

    private final ScheduleConfig config;

    public ScheduleWording(ScheduleConfig config) {
        this.config = config;
    }

    /** The schedule as from {@code now}. */
    public String words(Instant now) {
        CronExpression cron;
        try {
            cron = new CronExpression(config.cron());
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a Quartz cron expression: " + config.cron(), e);
        }
        cron.setTimeZone(TimeZone.getTimeZone(config.zone()));
        List<ZonedDateTime> times = new ArrayList<>();
        Date end = Date.from(now.atZone(config.zone()).plusWeeks(WEEKS).toInstant());
        for (Date t = cron.getNextValidTimeAfter(Date.from(now.minusMillis(1))); t != null && t.before(end) && times.size() <= MAX_TIMES;
             t = cron.getNextValidTimeAfter(t)) {
            times.add(t.toInstant().atZone(config.zone()));
        }
        if (times.isEmpty()) {
            return "as the editors send it";
        }
        Map<DayOfWeek, Integer> days = new TreeMap<>();
        times.forEach(t -> days.merge(t.getDayOfWeek(), 1, Integer::sum));
        LocalTime first = times.get(0).toLocalTime();
        boolean weekly = times.size() <= MAX_TIMES && days.values().stream().allMatch(n -> n == WEEKS)
                && times.stream().allMatch(t -> t.toLocalTime().equals(first));
        if (!weekly) {
            return "next on " + config.local(times.get(0).toInstant());
        }
        return "every " + dayWords(List.copyOf(days.keySet())) + " at " + first.withSecond(0).withNano(0) + ", "
                + config.zone().getId() + " time";
    }

    private static String dayWords(List<DayOfWeek> days) {
        if (days.size() == 7) {
            return "day";
        }
        List<String> names = days.stream().map(d -> d.getDisplayName(TextStyle.FULL, Locale.ENGLISH)).toList();
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
