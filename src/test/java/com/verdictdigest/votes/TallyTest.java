package com.verdictdigest.votes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void theLabelGivesTheRoundedShipShareAndTheVotes() {
        Tally t = new Tally("cursor-3", 133, 81);

        assertThat(t.votes()).isEqualTo(214);
        assertThat(t.shipPercent()).isEqualTo(62);
        assertThat(t.label()).isEqualTo("Readers: 62% ship, 214 votes");
    }

    @Test
    void oneVoteIsSingular() {
        assertThat(new Tally("cursor-3", 0, 1).label()).isEqualTo("Readers: 0% ship, 1 vote");
        assertThat(new Tally("cursor-3", 1, 0).label()).isEqualTo("Readers: 100% ship, 1 vote");
    }

    @Test
    void aSplitVoteNeverReadsAsUnanimous() {
        assertThat(new Tally("cursor-3", 399, 1).shipPercent()).isEqualTo(99);
        assertThat(new Tally("cursor-3", 1, 399).shipPercent()).isEqualTo(1);
        assertThat(new Tally("cursor-3", 1, 1).shipPercent()).isEqualTo(50);
    }

    @Test
    void noVotesIsZeroPercentAndNegativeCountsAreRefused() {
        assertThat(new Tally("cursor-3", 0, 0).shipPercent()).isZero();
        assertThatThrownBy(() -> new Tally("cursor-3", -1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTheTwoWordsAreChoices() {
        assertThat(Choice.parse("ship")).contains(Choice.SHIP);
        assertThat(Choice.parse("skip")).contains(Choice.SKIP);
        assertThat(Choice.parse("SHIP")).isEmpty();
        assertThat(Choice.parse("")).isEmpty();
        assertThat(Choice.parse(null)).isEmpty();
    }
}
