package com.verdictdigest.admin;

import com.verdictdigest.delivery.DeliveryCounts;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An edition's bounces and complaints: how many readers, and what share of the copies mailed.
 *
 * <p>{@code mailed} is every copy handed to the relay, taken or refused: the ledger's sent plus
 * failed. A copy the relay refused for good is a failed delivery, not a sent one, and it is that
 * reader's hard bounce: dividing by the sent copies alone would count the bounce and not its copy.
 * While an edition goes out, the rates are of the copies mailed so far.
 *
 * <p>{@code hard}, {@code soft} and {@code complaints} count readers (each once per kind and
 * edition), from the events of kinds {@code bounce}, {@code soft-bounce} and {@code complaint}
 * that name the edition. A reader bounced after repeated soft bounces has a {@code bounce} event
 * too, so counts among the hard bounces as well.
 *
 * <p>A warning is due when the complaint rate reaches 0.1% (Gmail's bulk-sender guidelines ask to
 * stay below 0.1% and enforce 0.3%), or the hard bounce rate reaches 2%. Both are compared on the
 * counts, exactly; the percentages shown are cut (not rounded) to two decimals, so a figure shown
 * at or over a threshold always has its warning and one shown under it never does.
 */
public record BounceFigures(int mailed, int hard, int soft, int complaints) {
    /** The complaint rate that warns, in basis points (hundredths of a percent): 0.1%. */
    public static final int COMPLAINT_WARNING_BP = 10;
    /** The hard bounce rate that warns, in basis points: 2%. */
    public static final int HARD_BOUNCE_WARNING_BP = 200;

    /** @param readers per event kind, the readers of this edition ({@code EventLog.readersPerEdition()}) */
    public static BounceFigures of(DeliveryCounts copies, Map<String, Integer> readers) {
        return new BounceFigures(copies.sent() + copies.failed(), readers.getOrDefault("bounce", 0),
                readers.getOrDefault("soft-bounce", 0), readers.getOrDefault("complaint", 0));
    }

    /** Share of the copies mailed, 0.0123 for 1.23%; null while nothing was mailed. */
    public Double hardRate() {
        return rate(hard);
    }

    public Double softRate() {
        return rate(soft);
    }

    public Double complaintRate() {
        return rate(complaints);
    }

    public boolean hardBounceWarning() {
        return reaches(hard, HARD_BOUNCE_WARNING_BP);
    }

    public boolean complaintWarning() {
        return reaches(complaints, COMPLAINT_WARNING_BP);
    }

    /** "2.50%", or "-" while nothing was mailed. */
    public String hardPercent() {
        return percent(hard);
    }

    public String softPercent() {
        return percent(soft);
    }

    public String complaintPercent() {
        return percent(complaints);
    }

    /** What the operator should know, one sentence each; empty when all is well. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>(2);
        if (complaintWarning()) {
            warnings.add("complaint rate " + complaintPercent() + " (" + complaints + " of " + mailed
                    + ") reaches 0.1%; Gmail's limit for bulk senders is 0.3%");
        }
        if (hardBounceWarning()) {
            warnings.add("hard bounce rate " + hardPercent() + " (" + hard + " of " + mailed + ") reaches 2%");
        }
        return warnings;
    }

    private Double rate(int count) {
        return mailed == 0 ? null : (double) count / mailed;
    }

    private boolean reaches(int count, int basisPoints) {
        return mailed > 0 && count * 10_000L >= (long) basisPoints * mailed;
    }

    private String percent(int count) {
        if (mailed == 0) {
            return "-";
        }
        return BigDecimal.valueOf(count * 100L).divide(BigDecimal.valueOf(mailed), 2, RoundingMode.DOWN).toPlainString() + "%";
    }
}
