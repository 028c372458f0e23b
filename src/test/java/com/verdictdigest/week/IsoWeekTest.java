package com.verdictdigest.week;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class IsoWeekTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void sundayLateEveningUtcIsTheNextWeekInBerlin() {
        Instant sunday = Instant.parse("2026-11-29T23:30:00Z");
        assertThat(IsoWeek.of(sunday, UTC)).hasToString("2026-W48");
        assertThat(IsoWeek.of(sunday, BERLIN)).hasToString("2026-W49");
    }

    @Test
    void weekRunsFromMondayMidnightToNextMondayMidnightInTheZone() {
        IsoWeek w48 = IsoWeek.parse("2026-W48");
        assertThat(w48.start(UTC)).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(w48.end(UTC)).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(w48.start(BERLIN)).isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
    }

    @Test
    void yearBoundariesFollowIso8601() {
        assertThat(IsoWeek.of(Instant.parse("2026-12-31T12:00:00Z"), UTC)).hasToString("2026-W53");
        assertThat(IsoWeek.of(Instant.parse("2027-01-04T00:00:00Z"), UTC)).hasToString("2027-W01");
        assertThat(IsoWeek.parse("2027-W01").previous()).hasToString("2026-W53");
    }

    @Test
    void badWeeksAreRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> IsoWeek.parse("2026-48")).hasMessage("'2026-48' is not an ISO week; expected the form 2026-W48");
        assertThatThrownBy(() -> IsoWeek.parse("2025-W53")).hasMessage("week 53 does not exist in 2025");
    }
}
