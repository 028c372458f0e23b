package com.verdictdigest.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.verdictdigest.app.App;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberCsv;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.subscribers.SubscriptionService;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts subscribers ...}: the audience. */
@Command(name = "subscribers", mixinStandardHelpOptions = true, description = "Add, import, list, export and erase readers.",
        subcommands = picocli.CommandLine.HelpCommand.class)
final class SubscribersCommand {
    @ParentCommand
    VerdictsCommand root;

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add readers (pending unless --active). Exit status 1 when an address was refused.")
    int add(@Parameters(paramLabel = "EMAIL", arity = "1..*") List<String> emails,
            @Option(names = "--active", description = "Add them as active (confirmed) readers.") boolean active) {
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        int refused = 0;
        try (App app = root.open()) {
            SubscriberRepository repo = app.subscribers();
            for (String raw : emails) {
                EmailAddress email;
                try {
                    email = EmailAddress.parse(raw);
                } catch (IllegalArgumentException e) {
                    err.println("refused: " + e.getMessage());
                    refused++;
                    continue;
                }
                SubscriptionService.Added added = app.subscriptions().add(email,
                        active ? SubscriberStatus.ACTIVE : SubscriberStatus.PENDING, EventSource.OPERATOR);
                if (added == SubscriptionService.Added.SUPPRESSED) {
                    err.println("refused: " + SubscriberCsv.refusal(email));
                    refused++;
                    continue;
                }
                Subscriber s = repo.find(email).orElseThrow();
                out.println(switch (added) {
                    case ADDED -> "added " + s.email() + " (" + s.status().word() + ")";
                    case ACTIVATED -> "activated " + s.email();
                    case UNCHANGED, SUPPRESSED -> "already there: " + s.email() + " (" + s.status().word() + ")";
                });
            }
        }
        return refused == 0 ? 0 : 1;
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = {
            "Import readers from a CSV file with a header row holding at least 'email'.",
            "Re-importing never duplicates anyone and never reactivates someone who unsubscribed.",
            "An erased reader's address is refused (the suppression list).",
            "Exit status 1 when a row was refused."})
    int importCsv(@Parameters(paramLabel = "FILE.csv") Path file,
                  @Option(names = "--active", description = "Add new readers as active (confirmed).") boolean active) {
        try (App app = root.open(); InputStream in = Files.newInputStream(file)) {
            SubscriberCsv.ImportResult result = new SubscriberCsv(app.subscribers(), app.subscriptions())
                    .importFrom(in, file.toString(), active ? SubscriberStatus.ACTIVE : SubscriberStatus.PENDING);
            result.problems().forEach(p -> root.spec.commandLine().getErr().println("refused " + p));
            root.spec.commandLine().getOut().println(result.summary());
            return result.problems().isEmpty() ? 0 : 1;
        } catch (IOException e) {
            throw new UserError("cannot import " + file + ": " + e.getMessage(), 1);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List readers.")
    int list(@Option(names = "--status", paramLabel = "S", description = "pending, active, unsubscribed or bounced.") String status,
             @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                     description = "table or json (default: ${DEFAULT-VALUE}).") OutputFormat format) {
        SubscriberStatus filter = null;
        if (status != null) {
            try {
                filter = SubscriberStatus.of(status);
            } catch (IllegalArgumentException e) {
                throw new UserError("--status: '" + status + "' is not one of pending, active, unsubscribed, bounced");
            }
        }
        // Page by page, written as read: a list of a million readers in the memory of one page.
        try (App app = root.open()) {
            PrintWriter out = root.spec.commandLine().getOut();
            Iterable<List<Subscriber>> pages = app.subscribers().pages(filter, 1_000);
            if (format == OutputFormat.json) {
                try (SequenceWriter array = ComparisonsCommand.JSON.writer()
                        .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValuesAsArray(out)) {
                    for (List<Subscriber> page : pages) {
                        for (Subscriber s : page) {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("id", s.id());
                            m.put("email", s.email());
                            m.put("status", s.status().word());
                            m.put("created", s.createdAt().toString());
                            m.put("reason", s.reason());
                            m.put("changed", s.changedAt() == null ? null : s.changedAt().toString());
                            array.write(m);
                        }
                    }
                } catch (IOException e) {
                    throw new UserError("cannot write the list: " + e.getMessage(), 1);
                }
                out.println();
            } else {
                out.printf("%-8s  %-40s  %-12s  %-12s  %-27s  %s%n", "ID", "EMAIL", "STATUS", "REASON", "SINCE", "JOINED");
                int count = 0;
                for (List<Subscriber> page : pages) {
                    for (Subscriber s : page) {
                        out.printf("%-8d  %-40s  %-12s  %-12s  %-27s  %s%n", s.id(), s.email(), s.status().word(),
                                s.reason() == null ? "-" : s.reason(), s.changedAt() == null ? "-" : s.changedAt(), s.createdAt());
                        count++;
                    }
                }
                out.println(count + (count == 1 ? " reader" : " readers"));
            }
            return 0;
        }
    }

    @Command(name = "reinstate", mixinStandardHelpOptions = true, description = {
            "Make bounced readers active again, when you know their address works now (a full mailbox emptied, a fixed",
            "domain). Only bounced readers: one who unsubscribed or complained stays so.",
            "Exit status 1 when an address was not a bounced reader."})
    int reinstate(@Parameters(paramLabel = "EMAIL", arity = "1..*") List<String> emails) {
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        int refused = 0;
        try (App app = root.open()) {
            for (String raw : emails) {
                Subscriber s;
                try {
                    s = app.subscribers().find(EmailAddress.parse(raw)).orElse(null);
                } catch (IllegalArgumentException e) {
                    s = null;
                }
                if (s != null && app.subscriptions().reinstate(s.id())) {
                    out.println("reinstated " + s.email() + " (active)");
                } else {
                    err.println("not reinstated: " + raw + (s == null ? " is not a reader" : " is " + s.status().word()
                            + (s.reason() == null ? "" : " (" + s.reason() + ")") + ", not bounced"));
                    refused++;
                }
            }
        }
        return refused == 0 ? 0 : 1;
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write every reader to a CSV file.")
    int export(@Parameters(paramLabel = "FILE.csv") Path file) {
        try (App app = root.open(); Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            int n = new SubscriberCsv(app.subscribers(), app.subscriptions()).export(out);
            root.spec.commandLine().getOut().println("Exported " + n + " readers to " + file);
            return 0;
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), 1);
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true, description = {
            "Erase readers at their request: their address, bookmarks and preferences are deleted, their events and",
            "ledger rows kept without what names them, and a keyed hash of the address goes on the suppression list",
            "(add and import refuse it). The address is then removed from the files of the data folder (the outbox aside).",
            "An address erased before is checked again in the files. Exit status 1 when an address was not found."})
    int erase(@Parameters(paramLabel = "EMAIL", arity = "1..*") List<String> emails) {
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        int missing = 0;
        try (App app = root.open()) {
            for (String raw : emails) {
                Optional<SubscriptionService.Erased> erased;
                try {
                    erased = app.subscriptions().erase(EmailAddress.parse(raw), EventSource.OPERATOR);
                } catch (IllegalArgumentException e) {
                    erased = Optional.empty();
                }
                if (erased.isEmpty()) {
                    err.println("not found: " + raw + " is not a reader");
                    missing++;
                    continue;
                }
                SubscriptionService.Erased e = erased.get();
                out.println((e.before() ? "already erased: " : "erased ") + e.email()
                        + (e.files().clean() ? "" : " (still in the database file: run this again when no other process has it open)"));
            }
        }
        return missing == 0 ? 0 : 1;
    }

    @Command(name = "export-data", mixinStandardHelpOptions = true, description = {
            "Write everything stored about one reader as JSON (what their page's \"Download my data\" gives them),",
            "to answer an access request."})
    int exportData(@Parameters(paramLabel = "EMAIL") String raw) {
        try (App app = root.open()) {
            Optional<Subscriber> reader;
            try {
                reader = app.subscribers().find(EmailAddress.parse(raw));
            } catch (IllegalArgumentException e) {
                reader = Optional.empty();
            }
            Optional<String> json = reader.flatMap(r -> app.subscriptions().export(r.id()));
            if (json.isEmpty()) {
                throw new UserError("not found: " + raw + " is not a reader", 1);
            }
            root.spec.commandLine().getOut().print(json.get());
            root.spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
