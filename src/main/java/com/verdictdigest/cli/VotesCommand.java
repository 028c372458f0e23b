package com.verdictdigest.cli;

import com.verdictdigest.app.App;
import com.verdictdigest.votes.ToolTally;
import com.verdictdigest.votes.Votes;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts votes}: the readers' ship-or-skip tallies, as {@code GET /api/votes} gives them. */
@Command(name = "votes", mixinStandardHelpOptions = true,
        description = {"Show the readers' ship-or-skip tallies of every tool with votes, the most votes first; the digest",
                "shows a tool's tally from votes.min-readers votes. JSON is the same as GET /api/votes."})
final class VotesCommand implements Callable<Integer> {
    @ParentCommand
    VerdictsCommand root;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        try (App app = root.open()) {
            Votes votes = app.votes();
            List<ToolTally> tallies = votes.tallies();
            PrintWriter out = root.spec.commandLine().getOut();
            if (format == OutputFormat.json) {
                out.println(ComparisonsCommand.json(votes.published()));
                return 0;
            }
            String row = "%-32s  %-28s  %5s  %5s  %6s  %6s  %s%n";
            out.printf(row, "TOOL", "NAME", "SHIP", "SKIP", "VOTES", "SHIP %", "IN THE DIGEST");
            for (ToolTally t : tallies) {
                out.printf(row, t.tally().toolSlug(), t.name(), t.tally().ship(), t.tally().skip(), t.tally().votes(),
                        t.tally().shipPercent() + "%", t.tally().votes() >= votes.minReaders() ? t.tally().label() : "-");
            }
            out.println(tallies.size() + (tallies.size() == 1 ? " tool" : " tools") + " with votes; the digest shows a tally from "
                    + votes.minReaders() + (votes.minReaders() == 1 ? " vote" : " votes") + " (votes.min-readers)");
            return 0;
        }
    }
}
