package com.verdictdigest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.delivery.DeliveryCounts;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rates and their thresholds, exactly at and just under each. */
class BounceFiguresTest {

    @Test
    void aComplaintRateWarnsFromOneInAThousand() {
        assertThat(new BounceFigures(1000, 0, 0, 1).complaintWarning()).isTrue();
        assertThat(new BounceFigures(1001, 0, 0, 1).complaintWarning()).isFalse();
        assertThat(new BounceFigures(1001, 0, 0, 1).complaintPercent()).as("cut, never rounded up to the threshold").isEqualTo("0.09%");
        assertThat(new BounceFigures(1000, 0, 0, 1).complaintPercent()).isEqualTo("0.10%");
        assertThat(new BounceFigures(1000, 0, 0, 1).warnings()).containsExactly(
                "complaint rate 0.10% (1 of 1000) reaches 0.1%; Gmail's limit for bulk senders is 0.3%");
    }

    @Test
    void aHardBounceRateWarnsFromTwoPercent() {
        assertThat(new BounceFigures(50, 1, 0, 0).hardBounceWarning()).isTrue();
        assertThat(new BounceFigures(51, 1, 0, 0).hardBounceWarning()).isFalse();
        assertThat(new BounceFigures(51, 1, 0, 0).hardPercent()).isEqualTo("1.96%");
        assertThat(new BounceFigures(51, 1, 50, 0).warnings()).as("soft bounces never warn").isEmpty();
        assertThat(new BounceFigures(50, 1, 0, 0).warnings()).containsExactly("hard bounce rate 2.00% (1 of 50) reaches 2%");
    }

    @Test
    void ratesAreSharesOfTheCopiesMailedSentAndFailed() {
        // 49 taken by the relay, 1 refused (that reader's hard bounce): 50 mailed.
        BounceFigures b = BounceFigures.of(new DeliveryCounts(3, 1, 49, 1, 7, 2), Map.of("bounce", 1, "soft-bounce", 2, "complaint", 1,
                "unsubscribe", 9));
        assertThat(b).isEqualTo(new BounceFigures(50, 1, 2, 1));
        assertThat(b.hardRate()).isEqualTo(0.02);
        assertThat(b.softRate()).isEqualTo(0.04);
        assertThat(b.complaintRate()).isEqualTo(0.02);
        assertThat(new BounceFigures(3, 2, 0, 0).hardPercent()).isEqualTo("66.66%");
    }

    @Test
    void nothingMailedHasNoRateAndNoWarning() {
        BounceFigures none = new BounceFigures(0, 0, 0, 0);
        assertThat(none.hardRate()).isNull();
        assertThat(none.complaintRate()).isNull();
        assertThat(none.hardPercent()).isEqualTo("-");
        assertThat(none.warnings()).isEmpty();
    }
}
