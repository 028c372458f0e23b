package com.verdictdigest.cli;

import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import com.verdictdigest.store.Database;
import com.verdictdigest.store.DatabaseCopy;
import com.verdictdigest.store.StoreConfig;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts db}: the database itself. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Work on the database itself.",
        subcommands = picocli.CommandLine.HelpCommand.class)
final class DbCommand {
    @ParentCommand
    VerdictsCommand root;

    @Command(name = "copy", mixinStandardHelpOptions = true, description = {
            "Copy everything in this database (db.url: by default the embedded H2 file) into an empty one,",
            "such as PostgreSQL: catalog, readers with their status and bookmarks, editions, the ledger, events.",
            "Refuses a target that holds data, and a source an edition is being sent from. Stop every node first."})
    int copy(@Option(names = "--to", required = true, paramLabel = "URL",
                     description = "The target's JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/verdicts.") String url,
             @Option(names = "--to-user", defaultValue = "verdicts", paramLabel = "USER",
                     description = "The target's user (default: ${DEFAULT-VALUE}).") String user,
             @Option(names = "--to-password", arity = "0..1", interactive = true, paramLabel = "PASSWORD",
                     description = "The target's password; without a value (best: it stays out of the shell's history "
                             + "and the process list), asked for on the terminal.") String password) {
        Settings settings = root.settings();
        String targetPassword = password == null ? "" : password;
        PrintWriter out = root.spec.commandLine().getOut();
        StoreConfig target = new StoreConfig(url, user, targetPassword);
        try (Database from = Database.open(StoreConfig.from(settings));
             Database to = Database.open(target)) {
            List<DatabaseCopy.Count> counts = DatabaseCopy.copy(from, to);
            out.printf("%-20s %12s %12s%n", "TABLE", "SOURCE", "TARGET");
            counts.forEach(c -> out.printf("%-20s %,12d %,12d%n", c.table(), c.source(), c.target()));
            out.println("Copied into " + target.safeUrl() + "; every count matches.");
            out.println("Secrets stay in files, not in the database: give every node the same links.secret (now in "
                    + settings.get(Keys.DATA_DIR).resolve("links.secret") + ", or as set) so links in mails already sent "
                    + "keep working, and the same admin.token.");
            return 0;
        }
    }
}
