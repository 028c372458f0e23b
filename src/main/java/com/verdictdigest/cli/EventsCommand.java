package com.verdictdigest.cli;

import com.verdictdigest.admin.BounceFigures;
import com.verdictdigest.app.App;
import com.verdictdigest.delivery.DeliveryCounts;
import com.verdictdigest.editions.EditionRecord;
import com.verdictdigest.events.Event;
import com.verdictdigest.week.IsoWeek;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code verdicts events}: what readers did, how many of each per edition, and per edition its
 * bounces and complaints in readers and as shares of the copies mailed (see {@link BounceFigures}).
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"List reader events (subscribe, confirm, unsubscribe, resubscribe, bookmark, unbookmark, bounce, soft-bounce,",
                "complaint, vote, ...) and count them per edition; per edition, show hard and soft bounces and complaints in readers and as",
                "rates of the copies mailed (sent + failed), with a warning from a 0.1% complaint rate or a 2% hard bounce rate."})
final class EventsCommand implements Callable<Integer> {
    @ParentCommand
    VerdictsCommand root;

    @Option(names = "--edition", paramLabel = "WEEK", description = "Only events from links in this edition's emails.")
    String edition;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        IsoWeek week = edition == null ? null : DigestCommand.week(edition);
        try (App app = root.open()) {
            List<Event> events = app.events().list(week);
            Map<String, Map<String, Integer>> counts = app.events().countsPerEdition();
            if (week != null) {
                counts = counts.containsKey(week.toString()) ? Map.of(week.toString(), counts.get(week.toString())) : Map.of();
            }
            Map<String, BounceFigures> bounces = bounces(app, week);
            PrintWriter out = root.spec.commandLine().getOut();
            if (format == OutputFormat.json) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("events", events.stream().map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("at", e.at().toString());
                    m.put("email", e.email());
                    m.put("kind", e.kind());
                    m.put("source", e.source());
                    m.put("edition", e.edition());
                    m.put("tool", e.tool());
                    return m;
                }).toList());
                json.put("perEdition", counts);
                Map<String, Object> perEdition = new LinkedHashMap<>();
                bounces.forEach((ed, b) -> perEdition.put(ed, json(b)));
                json.put("bounces", perEdition);
                out.println(ComparisonsCommand.json(json));
                return 0;
            }
            out.printf("%-27s  %-12s  %-10s  %-8s  %-24s  %s%n", "AT", "KIND", "SOURCE", "EDITION", "TOOL", "READER");
            for (Event e : events) {
                out.printf("%-27s  %-12s  %-10s  %-8s  %-24s  %s%n", e.at(), e.kind(), e.source(),
                        e.edition() == null ? "-" : e.edition(), e.tool() == null ? "-" : e.tool(), e.email());
            }
            out.println(events.size() + " events");
            counts.forEach((ed, kinds) -> out.println(ed + ": " + kinds));
            if (!bounces.isEmpty()) {
                out.println();
                out.println("Bounces and complaints, in readers and as a share of the copies mailed (sent + failed):");
                out.printf("%-8s  %7s  %15s  %15s  %15s%n", "EDITION", "MAILED", "HARD BOUNCES", "SOFT BOUNCES", "COMPLAINTS");
                bounces.forEach((ed, b) -> out.printf("%-8s  %7d  %15s  %15s  %15s%n", ed, b.mailed(),
                        share(b.hard(), b.hardPercent()), share(b.soft(), b.softPercent()), share(b.complaints(), b.complaintPercent())));
                bounces.forEach((ed, b) -> b.warnings().forEach(w -> out.println("WARNING " + ed + ": " + w)));
            }
            return 0;
        }
    }

    /**
     * Per edition, oldest first, its bounce figures: every edition that has a record or events,
     * or only {@code week}'s when given.
     */
    private static Map<String, BounceFigures> bounces(App app, IsoWeek week) {
        Map<String, Map<String, Integer>> readers = app.events().readersPerEdition();
        Map<String, DeliveryCounts> copies = new TreeMap<>();
        for (EditionRecord e : app.editions().all()) {
            copies.put(e.week().toString(), app.ledger().counts(e.id()));
        }
        Map<String, BounceFigures> figures = new TreeMap<>();
        DeliveryCounts none = new DeliveryCounts(0, 0, 0, 0, 0, 0);
        Set<String> weeks = new TreeSet<>(copies.keySet());
        weeks.addAll(readers.keySet());
        for (String ed : weeks) {
            if (week == null || ed.equals(week.toString())) {
                figures.put(ed, BounceFigures.of(copies.getOrDefault(ed, none), readers.getOrDefault(ed, Map.of())));
            }
        }
        return figures;
    }

    private static String share(int readers, String percent) {
        return readers + " (" + percent + ")";
    }

    private static Map<String, Object> json(BounceFigures b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mailed", b.mailed());
        m.put("hard", b.hard());
        m.put("hardRate", b.hardRate());
        m.put("soft", b.soft());
        m.put("softRate", b.softRate());
        m.put("complaints", b.complaints());
        m.put("complaintRate", b.complaintRate());
        m.put("warnings", b.warnings());
        return m;
    }
}
