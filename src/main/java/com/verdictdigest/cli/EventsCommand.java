package com.verdictdigest.cli;

import com.verdictdigest.app.App;
import com.verdictdigest.events.Event;
import com.verdictdigest.week.IsoWeek;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts events}: what readers did, and how many of each per edition. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = "List reader events (subscribe, confirm, unsubscribe, resubscribe, bookmark, unbookmark, bounce) and count them per edition.")
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
            return 0;
        }
    }
}
