package com.verdictdigest.cli;

import com.verdictdigest.App;
import com.verdictdigest.config.Keys;
import com.verdictdigest.subscribers.EmailAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts demo}: the pipeline on its embedded defaults, for a first look. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
        "Import the bundled sample site, add three sample readers (one with a bookmark) and send",
        "the sample week 2026-W48 (to the outbox unless smtp.host is set)."})
final class DemoCommand implements Callable<Integer> {
    static final String WEEK = "2026-W48";

    @ParentCommand
    VerdictsCommand root;

    @Override
    public Integer call() {
        CommandLine cl = root.spec.commandLine();
        int status = cl.execute("import", "sample");
        if (status == 0) {
            status = cl.execute("comparisons", "list");
        }
        if (status == 0) {
            status = cl.execute("subscribers", "add", "--active",
                    "ada@example.com", "grace@example.com", "linus@example.com");
        }
        if (status != 0) {
            return status;
        }
        try (App app = root.open()) {
            long grace = app.subscribers().find(EmailAddress.parse("grace@example.com")).orElseThrow().id();
            app.subscribers().addBookmark(grace, "cursor-3");
        }
        status = cl.execute("digest", "send", "--week", WEEK);
        try (App app = root.open()) {
            if (app.settings().get(Keys.SMTP_HOST).isEmpty()) {
                cl.getOut().println("The messages are in " + app.settings().get(Keys.DATA_DIR).resolve("outbox")
                        + " (open a .eml file with any mail program).");
            }
        }
        return status;
    }
}
