package com.verdictdigest.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.verdictdigest.app.App;
import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.catalog.ToolFigures;
import com.verdictdigest.config.Keys;
import com.verdictdigest.week.IsoWeek;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts comparisons list}: what the catalog holds. */
@Command(name = "comparisons", mixinStandardHelpOptions = true, description = "Show the comparisons in the catalog.",
        subcommands = picocli.CommandLine.HelpCommand.class)
final class ComparisonsCommand {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @ParentCommand
    VerdictsCommand root;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List comparisons, newest first.")
    int list(@Option(names = "--week", paramLabel = "WEEK",
                     description = "Only those published in this ISO week (2026-W48), in digest.timezone.") String week,
             @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                     description = "table or json (default: ${DEFAULT-VALUE}).") OutputFormat format) {
        IsoWeek isoWeek = null;
        if (week != null) {
            try {
                isoWeek = IsoWeek.parse(week);
            } catch (IllegalArgumentException e) {
                throw new UserError("--week: " + e.getMessage());
            }
        }
        try (App app = root.open()) {
            ZoneId zone = app.settings().get(Keys.DIGEST_TIMEZONE);
            List<Comparison> comparisons = isoWeek == null ? app.catalog().all()
                    : app.catalog().publishedBetween(isoWeek.start(zone), isoWeek.end(zone));
            PrintWriter out = root.spec.commandLine().getOut();
            if (format == OutputFormat.json) {
                out.println(json(comparisons.stream().map(c -> ComparisonJson.of(c, zone)).toList()));
            } else {
                printTable(out, comparisons, zone);
            }
            return 0;
        }
    }

    private static void printTable(PrintWriter out, List<Comparison> comparisons, ZoneId zone) {
        String row = "%-8s  %-16s  %-46s  %s%n";
        out.printf(row, "WEEK", "PUBLISHED", "SLUG", "TOOLS (verdict, panel ship)");
        for (Comparison c : comparisons) {
            out.printf(row, IsoWeek.of(c.published(), zone), WHEN.format(c.published().atZone(zone)),
                    c.slug(), tool(c.left()) + "  vs  " + tool(c.right()));
        }
        out.println(comparisons.size() + (comparisons.size() == 1 ? " comparison" : " comparisons")
                + " (times in " + zone + ")");
    }

    private static String tool(ToolFigures t) {
        return t.name() + " (" + t.verdict().label() + " " + t.panelShipPercent() + "%)";
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
