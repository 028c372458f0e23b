package com.verdictdigest.alerts;

import java.time.LocalDate;
import java.util.List;

/** One reader's alert of one day: the changes on their bookmarked tools not told before, oldest first. */
public record Alert(long readerId, String email, LocalDate day, List<VerdictChange> changes) {
    public Alert {
        changes = List.copyOf(changes);
    }

    /** The last change it tells: every change of the reader's up to it counts as told. */
    public long throughChange() {
        return changes.get(changes.size() - 1).id();
    }
}
