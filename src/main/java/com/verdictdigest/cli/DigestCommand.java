package com.verdictdigest.cli;

import com.verdictdigest.app.App;
import com.verdictdigest.config.Keys;
import com.verdictdigest.delivery.EditionSender;
import com.verdictdigest.delivery.SendSummary;
import com.verdictdigest.digest.DigestEmail;
import com.verdictdigest.digest.Reader;
import com.verdictdigest.editions.EditionProofs;
import com.verdictdigest.editions.PreflightException;
import com.verdictdigest.editions.PreparedEdition;
import com.verdictdigest.mail.SendFailure;
import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.week.IsoWeek;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts digest ...}: look at and send an edition by hand. */
@Command(name = "digest", mixinStandardHelpOptions = true, description = "Preview and send an edition of the weekly digest.",
        subcommands = picocli.CommandLine.HelpCommand.class)
final class DigestCommand {
    @ParentCommand
    VerdictsCommand root;

    @Command(name = "preview", mixinStandardHelpOptions = true, description = {
            "Write an edition's HTML and text for one reader and run the preflight checks.",
            "Exit status 1 when preflight finds a problem."})
    int preview(@Option(names = "--week", required = true, paramLabel = "WEEK",
                        description = "The edition's ISO week, e.g. 2026-W48.") String week,
                @Option(names = "--as", paramLabel = "EMAIL",
                        description = "Render for this subscriber (default: a sample reader with bookmarks).") String as,
                @Option(names = "--out", paramLabel = "DIR",
                        description = "Where to write the files (default: DATA_DIR/preview).") Path out) {
        IsoWeek isoWeek = week(week);
        PrintWriter stdout = root.spec.commandLine().getOut();
        try (App app = root.open()) {
            PreparedEdition draft = app.preparer().draft(isoWeek, false);
            if (draft.edition().isEmpty()) {
                stdout.println(isoWeek + " has no comparisons: an empty edition is "
                        + (app.digestConfig().sendEmpty() ? "sent anyway (digest.send-empty=true)"
                        : "not sent (digest.send-empty=false)"));
            }
            Reader reader = as == null ? draft.sampleReader("sample.reader@example.com") : subscriber(app, as);
            DigestEmail email = draft.copyFor(reader);
            Path dir = out != null ? out : app.settings().get(Keys.DATA_DIR).resolve("preview");
            Path html = dir.resolve(isoWeek + ".html");
            Path text = dir.resolve(isoWeek + ".txt");
            try {
                Files.createDirectories(dir);
                Files.writeString(html, email.html(), StandardCharsets.UTF_8);
                Files.writeString(text, email.text(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserError("cannot write the preview to " + dir + ": " + e.getMessage(), 1);
            }
            stdout.println("Subject: " + email.subject());
            stdout.println("For:     " + reader.email() + (reader.bookmarks().isEmpty() ? ""
                    : " (bookmarks: " + String.join(", ", reader.bookmarks().stream().map(Bookmark::toolName).toList()) + ")"));
            stdout.println("HTML:    " + html + " (" + email.html().getBytes(StandardCharsets.UTF_8).length + " bytes)");
            stdout.println("Text:    " + text);
            List<String> problems = app.preparer().preflight(email);
            if (problems.isEmpty()) {
                stdout.println("Preflight: passed");
                return 0;
            }
            PrintWriter err = root.spec.commandLine().getErr();
            problems.forEach(p -> err.println("preflight: " + p));
            stdout.println("Preflight: " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
            return 1;
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true, description = {
            "Send (or resume) an edition to every active reader who has not had it.",
            "Exit status 1 when preflight fails, the edition pauses or stops, or a delivery failed."})
    int send(@Option(names = "--week", required = true, paramLabel = "WEEK",
                     description = "The edition's ISO week, e.g. 2026-W48.") String week,
             @Option(names = "--dry-run", description = "Render and check every reader's copy; send nothing.") boolean dryRun,
             @Option(names = "--to", paramLabel = "EMAIL",
                     description = "Send one copy to EMAIL only, outside the ledger (a test send).") String to) {
        IsoWeek isoWeek = week(week);
        PrintWriter out = root.spec.commandLine().getOut();
        try (App app = root.open()) {
            if (dryRun) {
                EditionProofs.DryRun r = app.proofs().dryRun(isoWeek);
                out.printf(Locale.ROOT, "Dry run of %s (\"%s\"): %d comparisons; %,d copies rendered and checked, "
                                + "%,d bytes on average, in %.1f s; nothing sent%n", r.week(), r.subject(), r.comparisons(),
                        r.copies(), r.copies() == 0 ? 0 : r.bytes() / r.copies(), r.duration().toNanos() / 1e9);
                return 0;
            }
            if (to != null) {
                EmailAddress address = address("--to", to);
                Subscriber known = app.subscribers().find(address).orElse(null);
                String id = app.proofs().sendTest(isoWeek, known, address.value());
                out.println("Test copy of " + isoWeek + " sent to " + address + " through " + app.mailer().describe()
                        + " (Message-ID <" + id + ">)");
                return 0;
            }
            EditionSender sender = app.sender();
            Thread hook = new Thread(() -> {
                sender.stop();
                sendDone.acquireUninterruptibly();
            }, "stop-sending");
            Runtime.getRuntime().addShutdownHook(hook);
            SendSummary summary;
            try (SendProgress progress = new SendProgress(app.editions(), app.ledger(), isoWeek, out)) {
                summary = sender.send(isoWeek);
            } finally {
                sendDone.release();
            }
            out.println(summary.line());
            return summary.outcome().done() && summary.counts().failed() == 0 ? 0 : 1;
        } catch (PreflightException e) {
            e.problems().forEach(p -> root.spec.commandLine().getErr().println("preflight: " + p));
            throw new UserError(isoWeek + ": preflight failed; nothing was sent", 1);
        } catch (SendFailure e) {
            throw new UserError("test send failed: " + e.getMessage(), 1);
        }
    }

    /** Lets a Ctrl-C wait until the engine has stopped between messages and released its claims. */
    private final java.util.concurrent.Semaphore sendDone = new java.util.concurrent.Semaphore(0);

    private static EmailAddress address(String option, String text) {
        try {
            return EmailAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    static IsoWeek week(String text) {
        try {
            return IsoWeek.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserError("--week: " + e.getMessage());
        }
    }

    private static Reader subscriber(App app, String address) {
        EmailAddress email = address("--as", address);
        Subscriber s = app.subscribers().find(email)
                .orElseThrow(() -> new UserError("--as: no subscriber " + email));
        return new Reader(s.id(), s.email(), app.subscribers().bookmarks(s.id()));
    }

}
