package com.verdictdigest.cli;

import com.verdictdigest.alerts.AlertRun;
import com.verdictdigest.app.App;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts alerts ...}: the bookmark alerts. */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Bookmark alerts: a short email when a bookmarked tool's verdict is new or changed.",
        subcommands = picocli.CommandLine.HelpCommand.class)
final class AlertsCommand {
    @ParentCommand
    VerdictsCommand root;

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = "Send the alerts that are due once now, as 'serve' does every alerts.poll-seconds and after each scheduled import.")
    int send() {
        try (App app = root.open()) {
            AlertRun run = app.alerts().sendDue();
            root.spec.commandLine().getOut().println("Alerts: " + run.summary());
            return run.deferred() > 0 ? 1 : 0;
        }
    }
}
