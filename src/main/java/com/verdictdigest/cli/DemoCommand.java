package com.verdictdigest.cli;

import com.verdictdigest.app.App;
import com.verdictdigest.config.Keys;
import com.verdictdigest.subscribers.EmailAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/** {@code verdicts demo}: the whole pipeline on its embedded defaults, for a first look. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
        "Import the bundled sample site, add three sample readers (one with a bookmark), then serve:",
        "open the admin page, send the sample week 2026-W48 and read the messages in the outbox."})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    VerdictsCommand root;

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cl = root.spec.commandLine();
        int status = cl.execute("import", "sample");
        if (status == 0) {
            status = cl.execute("subscribers", "add", "--active",
                    "ada@example.com", "grace@example.com", "linus@example.com");
        }
        if (status != 0) {
            return status;
        }
        // Three readers could never reach the usual number of votes: the demo shows a tally from the first.
        try (App app = root.open(root.settings().with(Keys.VOTES_MIN_READERS, "1"))) {
            long grace = app.subscribers().find(EmailAddress.parse("grace@example.com")).orElseThrow().id();
            app.subscribers().addBookmark(grace, "cursor-3");
            cl.getOut().println("Sample site and readers loaded. In the admin page, send week 2026-W48 (the sample week);");
            cl.getOut().println("the messages land in the outbox, listed on the admin page, and their links work here.");
            return ServeCommand.serve(app, cl.getOut());
        }
    }
}
