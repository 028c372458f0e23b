package com.verdictdigest.cli;

import com.verdictdigest.app.App;
import com.verdictdigest.config.ConfigException;
import com.verdictdigest.config.DataDir;
import com.verdictdigest.config.Settings;
import com.verdictdigest.store.StoreException;
import com.verdictdigest.templates.TemplateException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** The root command, {@code verdicts}: global options and the table of subcommands. */
@Command(name = "verdicts", mixinStandardHelpOptions = true, version = "Verdict Digest 0.1",
        description = "The weekly-digest pipeline behind \"Weekly AI Tool Verdicts\".",
        subcommands = {DemoCommand.class, ImportCommand.class, ComparisonsCommand.class, DigestCommand.class,
                SubscribersCommand.class, EventsCommand.class, VotesCommand.class, BouncesCommand.class, AlertsCommand.class, ServeCommand.class, BenchCommand.class,
                DbCommand.class})
public final class VerdictsCommand implements Runnable {
    /** Exit code for a bad setting or an unusable database: the user must fix something first. */
    public static final int EXIT_CONFIG = 2;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file layered over the built-in defaults (environment variables still win).")
    Path configFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    private VerdictsCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    public static CommandLine commandLine(Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new VerdictsCommand(environment));
        cl.setOut(out);
        cl.setErr(err);
        // An expected problem is one clear line, not a stack trace.
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof StoreException || e instanceof UserError
                    || e instanceof TemplateException) {
                commandLine.getErr().println(e.getMessage());
                return e instanceof UserError u ? u.exitCode() : EXIT_CONFIG;
            }
            throw e;
        });
        return cl;
    }

    /** Loads and checks the configuration. */
    Settings settings() {
        return Settings.load(configFile, environment);
    }

    /** Loads and checks the configuration, then wires the application. */
    App open() {
        return open(settings());
    }

    App open(Settings settings) {
        DataDir.ready(settings);
        return new App(settings, Clock.systemUTC());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
