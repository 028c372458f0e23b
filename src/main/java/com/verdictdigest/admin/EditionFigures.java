package com.verdictdigest.admin;

import com.verdictdigest.delivery.DeliveryCounts;
import com.verdictdigest.editions.EditionRecord;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An edition with its figures, as the operator sees it (admin page and API). {@code bounces} are
 * its hard bounces, {@code softBounces} and {@code complaints} the rest of what came back, each in
 * readers; {@code votes} counts the ship-or-skip votes cast or changed from its links; the rates
 * are shares of {@code mailed}, the copies handed to the relay (see {@link BounceFigures}), null
 * while none was. {@code skipReasons} counts the skipped readers by why: they left before their turn
 * ({@code left}), paused ({@code paused}), or the edition held nothing they asked for
 * ({@code nothing-followed}, {@code no-bookmark-news}).
 */
public record EditionFigures(long id, String week, String status, String statusReason, String subject, int comparisons,
                             int recipients, int sent, int failed, int skipped, int pending, int inDoubt,
                             int unsubscribes, int bookmarks, int votes, int bounces, int progressPercent,
                             int softBounces, int complaints, int mailed, Double hardBounceRate, Double softBounceRate,
                             Double complaintRate, boolean hardBounceWarning, boolean complaintWarning, List<String> warnings,
                             Map<String, Integer> skipReasons) {

    public EditionFigures {
        skipReasons = Collections.unmodifiableMap(new TreeMap<>(skipReasons));
    }

    /**
     * @param events  per kind, the events that came from the edition's emails
     * @param readers per kind, the readers they came from (each once)
     */
    static EditionFigures of(EditionRecord e, DeliveryCounts c, Map<String, Integer> skipReasons, Map<String, Integer> events,
                             Map<String, Integer> readers) {
        int recipients = e.audience() == null ? 0 : e.audience();
        int progress = recipients == 0 ? (e.status().isFinal() ? 100 : 0) : (int) (100L * c.done() / Math.max(1, c.total()));
        BounceFigures b = BounceFigures.of(c, readers);
        return new EditionFigures(e.id(), e.week().toString(), e.status().word(), e.statusReason(), e.subject(),
                e.comparisons(), recipients, c.sent(), c.failed(), c.skipped(), c.pending() + c.inFlight(), c.inDoubt(),
                events.getOrDefault("unsubscribe", 0), events.getOrDefault("bookmark", 0), events.getOrDefault("vote", 0), b.hard(), progress,
                b.soft(), b.complaints(), b.mailed(), b.hardRate(), b.softRate(), b.complaintRate(),
                b.hardBounceWarning(), b.complaintWarning(), b.warnings(), skipReasons);
    }

    /** For the page: "3 paused, 2 nothing-followed", or empty. */
    public String skipReasonsText() {
        return String.join(", ", skipReasons.entrySet().stream().map(r -> r.getValue() + " " + r.getKey()).toList());
    }

    /** The figures behind the rates, for the page's percentages. */
    BounceFigures bounceFigures() {
        return new BounceFigures(mailed, bounces, softBounces, complaints);
    }

    /** For the page: "2.50%", or "-" while nothing was mailed. */
    public String hardBouncePercent() {
        return bounceFigures().hardPercent();
    }

    public String softBouncePercent() {
        return bounceFigures().softPercent();
    }

    public String complaintPercent() {
        return bounceFigures().complaintPercent();
    }
}
