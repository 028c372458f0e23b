package com.verdictdigest.cli;

import com.verdictdigest.app.App;
import com.verdictdigest.bench.BounceBenchmark;
import com.verdictdigest.bench.RenderBenchmark;
import com.verdictdigest.bench.SendBenchmark;
import com.verdictdigest.config.Keys;
import java.nio.file.Path;
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

    @Command(name = "bounces", mixinStandardHelpOptions = true, description = {
            "Write a maildir of N reports of eight kinds about N readers of a throwaway database, read it as",
            "'bounces read --dry-run' does, on one thread, and print reports per second; the last line is JSON."})
    int bounces(@Option(names = "--reports", defaultValue = "10000", paramLabel = "N",
                        description = "How many reports (default: ${DEFAULT-VALUE}).") int reports,
                @Option(names = "--keep", paramLabel = "DIR", description = "Write the maildir here and leave it.") Path keep) {
        if (reports < 1 || reports > 1_000_000) {
            throw new UserError("--reports: expected 1 to 1000000, got " + reports);
        }
        try {
            BounceBenchmark.run(root.settings(), reports, keep, root.spec.commandLine().getOut());
            return 0;
        } catch (java.io.IOException e) {
            throw new UserError("bench bounces: " + e.getMessage(), 1);
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true, description = {
            "Send the sample site's week 2026-W48 to N made-up readers through the whole pipeline, in a throwaway",
            "database, to an SMTP server (a sink), and print the figures; the last line is JSON."})
    int send(@Option(names = "--readers", defaultValue = "10000", paramLabel = "N",
                     description = "How many readers (default: ${DEFAULT-VALUE}).") int readers,
             @Option(names = "--max-seconds", defaultValue = "300", paramLabel = "S",
                     description = "Stop sending after this long (default: ${DEFAULT-VALUE}).") int maxSeconds,
             @Option(names = "--smtp-host", defaultValue = "127.0.0.1", paramLabel = "H",
                     description = "SMTP host (default: ${DEFAULT-VALUE}).") String host,
             @Option(names = "--smtp-port", required = true, paramLabel = "P", description = "SMTP port.") int port,
             @Option(names = "--db-url", paramLabel = "URL",
                     description = {"An empty database to run in instead of a throwaway H2 file, such as PostgreSQL",
                             "(with db.user and db.password); emptied again afterwards. Default: bench.db-url."})
             String dbUrl) {
        if (readers < 1 || readers > 10_000_000) {
            throw new UserError("--readers: expected 1 to 10000000, got " + readers);
        }
        try {
            String url = dbUrl != null ? dbUrl : root.settings().get(Keys.BENCH_DB_URL);
            SendBenchmark.run(root.settings(), url.isEmpty() ? null : url, readers, maxSeconds, host, port, root.spec.commandLine().getOut());
            return 0;
        } catch (java.io.IOException e) {
            throw new UserError("bench send: " + e.getMessage(), 1);
        }
    }
}
