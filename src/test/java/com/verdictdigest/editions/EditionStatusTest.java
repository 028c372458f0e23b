package com.verdictdigest.editions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EditionStatusTest {

    @Test
    void finalStatusesGoNowhere() {
        for (EditionStatus s : EditionStatus.values()) {
            assertThat(s.isFinal()).as(s.word()).isEqualTo(s.next().isEmpty());
        }
        assertThat(EditionStatus.SENT.isFinal()).isTrue();
        assertThat(EditionStatus.SKIPPED.isFinal()).isTrue();
        assertThat(EditionStatus.CANCELLED.isFinal()).isTrue();
        assertThat(EditionStatus.PAUSED.isFinal()).isFalse();
    }

    @Test
    void onlyAPlannedEditionIsSkippedAndOnlyAStartedOneIsSent() {
        assertThat(EditionStatus.PLANNED.canBecome(EditionStatus.SKIPPED)).isTrue();
        assertThat(EditionStatus.SENDING.canBecome(EditionStatus.SKIPPED)).isFalse();
        assertThat(EditionStatus.PLANNED.canBecome(EditionStatus.SENT)).isFalse();
        assertThat(EditionStatus.SENDING.canBecome(EditionStatus.SENT)).isTrue();
        assertThat(EditionStatus.PAUSED.canBecome(EditionStatus.SENT)).as("a pause after the last message").isTrue();
        assertThat(EditionStatus.PAUSED.canBecome(EditionStatus.PAUSED)).isFalse();
        assertThat(EditionStatus.SENT.canBecome(EditionStatus.CANCELLED)).isFalse();
    }
}
