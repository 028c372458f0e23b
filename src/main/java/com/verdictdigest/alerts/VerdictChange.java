package com.verdictdigest.alerts;

import com.verdictdigest.catalog.ChangeKind;
import com.verdictdigest.catalog.Verdict;

/**
 * One change an alert tells: a tool's new comparison or its changed panel verdict.
 *
 * @param oldVerdict the panel verdict before, or null for a new comparison
 */
public record VerdictChange(long id, ChangeKind kind, String toolName, String comparisonTitle, String comparisonUrl,
                            Verdict oldVerdict, Verdict newVerdict) {

    /** Whether the tool's panel verdict changed (else it is in a new comparison); for the templates. */
    public boolean isChanged() {
        return kind == ChangeKind.VERDICT_CHANGED;
    }
}
