package com.verdictdigest.editions;

import com.verdictdigest.week.IsoWeek;
import java.util.List;

/** Preflight found problems in an edition's email: it is not sent until they are fixed. */
public final class PreflightException extends RuntimeException {
    private final List<String> problems;

    public PreflightException(IsoWeek week, List<String> problems) {
        super(week + " failed preflight, nothing sent: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
