package com.verdictdigest.cli;

import com.verdictdigest.App;
import com.verdictdigest.bench.RenderBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts bench ...}: measurements that print their figures (see README, Performance). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure the pipeline's speed.",
        subcommands = picocli.CommandLine.HelpCommand.class)
final class BenchCommand {
    @ParentCommand
    VerdictsCommand root;

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = "Personalise a 12-comparison edition for N readers on one thread and print readers per second.")
    int render(@Option(names = "--readers", defaultValue = "50000", paramLabel = "N",
                       description = "How many readers (default: ${DEFAULT-VALUE}).") int readers) {
        if (readers < 1 || readers > 10_000_000) {
            throw new UserError("--readers: expected 1 to 10000000, got " + readers);
        }
        try (App app = root.open()) {
            new RenderBenchmark(app.renderer(), app.links()).run(readers, root.spec.commandLine().getOut());
            return 0;
        }
    }
}
