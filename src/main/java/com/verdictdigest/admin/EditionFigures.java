package com.verdictdigest.admin;

import com.verdictdigest.delivery.DeliveryCounts;
import com.verdictdigest.editions.EditionRecord;
import java.util.Map;

/** An edition with its figures, as the operator sees it (admin page and API). */
public record EditionFigures(long id, String week, String status, String statusReason, String subject, int comparisons,
                             int recipients, int sent, int failed, int skipped, int pending, int inDoubt,
                             int unsubscribes, int bookmarks, int bounces, int progressPercent) {

    static EditionFigures of(EditionRecord e, DeliveryCounts c, Map<String, Integer> events) {
        int recipients = e.audience() == null ? 0 : e.audience();
        int progress = recipients == 0 ? (e.status().isFinal() ? 100 : 0) : (int) (100L * c.done() / Math.max(1, c.total()));
        return new EditionFigures(e.id(), e.week().toString(), e.status().word(), e.statusReason(), e.subject(),
                e.comparisons(), recipients, c.sent(), c.failed(), c.skipped(), c.pending() + c.inFlight(), c.inDoubt(),
                events.getOrDefault("unsubscribe", 0), events.getOrDefault("bookmark", 0), events.getOrDefault("bounce", 0), progress);
    }
}
