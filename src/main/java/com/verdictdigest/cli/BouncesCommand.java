package com.verdictdigest.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.verdictdigest.app.App;
import com.verdictdigest.bounces.BounceMailbox;
import com.verdictdigest.bounces.Finding;
import com.verdictdigest.bounces.ReportFiles;
import com.verdictdigest.bounces.ReportOrigin;
import com.verdictdigest.bounces.ReportOutcome;
import com.verdictdigest.bounces.ReportProcessor;
import com.verdictdigest.bounces.UnrecognizedReport;
import com.verdictdigest.config.ConfigException;
import com.verdictdigest.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts bounces ...}: the reports that come back after the send. */
@Command(name = "bounces", mixinStandardHelpOptions = true,
        description = "Read bounces, complaints and auto-replies sent back to the return path, and act on them.",
        subcommands = picocli.CommandLine.HelpCommand.class)
final class BouncesCommand {
    /** sysexits.h EX_TEMPFAIL: the mail server keeps the message and delivers it again later. */
    static final int EXIT_TEMPFAIL = 75;
    /** sysexits.h EX_IOERR. */
    static final int EXIT_IOERR = 74;
    private static final ObjectMapper LINES = new ObjectMapper();

    @ParentCommand
    VerdictsCommand root;

    @Command(name = "read", mixinStandardHelpOptions = true, description = {
            "Read reports from files (a message, a maildir folder, an mbox file) or, with '-', one message on standard input",
            "(for a mail server's pipe delivery) and act on them.",
            "Exit status: 0 read; 1 a path could not be read; 75 the database or the configuration is unusable now",
            "(a mail server keeps the message and tries again); 74 standard input could not be read."})
    int read(@Parameters(paramLabel = "PATH", arity = "1..*", description = "Message files, maildir folders, mbox files, or '-'.")
             List<String> paths,
             @Option(names = "--dry-run", description = "Change nothing; print what would be done.") boolean dryRun,
             @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                     description = "table, or json: one object per line per recipient (default: ${DEFAULT-VALUE}).") OutputFormat format) {
        PrintWriter out = root.spec.commandLine().getOut();
        PrintWriter err = root.spec.commandLine().getErr();
        Tally tally = new Tally();
        if (format == OutputFormat.table) {
            out.printf("%-30s  %-15s  %-5s  %-7s  %-32s  %-7s  %-8s  %s%n", "FILE", "KIND", "CLASS", "STATUS", "RECIPIENT", "READER",
                    "EDITION", "ACTION");
        }
        int status = 0;
        try (App app = root.open()) {
            ReportProcessor processor = app.reportProcessor();
            for (String path : paths) {
                if (path.equals("-")) {
                    byte[] message;
                    try {
                        message = System.in.readNBytes(10 * 1024 * 1024);
                    } catch (IOException e) {
                        err.println("cannot read standard input: " + e.getMessage());
                        return EXIT_IOERR;
                    }
                    print(out, format, "-", processor.process(message, ReportOrigin.PIPE, dryRun), tally);
                    processor.writeToDisk(); // exit 0 tells the mail server to drop its copy: ours must last
                    continue;
                }
                try {
                    ReportFiles.each(Path.of(path), m -> print(out, format, m.name(),
                            processor.process(m.bytes(), ReportOrigin.FILE, dryRun), tally));
                } catch (IOException e) {
                    err.println("cannot read " + path + ": " + e.getMessage());
                    status = 1;
                }
            }
        } catch (StoreException | ConfigException e) {
            err.println(e.getMessage());
            return EXIT_TEMPFAIL; // nothing lost: what was not committed is read again next time
        }
        out.flush();
        err.println(tally.summary(dryRun));
        return status;
    }

    @Command(name = "poll", mixinStandardHelpOptions = true,
            description = "Read bounces.mailbox once now, as 'serve' does every bounces.poll-seconds. Exit status 1 when it cannot be reached.")
    int poll() {
        try (App app = root.open()) {
            BounceMailbox mailbox = app.bounceMailbox();
            if (mailbox == null) {
                throw new UserError("bounces.mailbox is not set: there is no mailbox to read");
            }
            BounceMailbox.Poll p = mailbox.poll();
            root.spec.commandLine().getOut().println("Read " + p.read() + " messages: " + p.acted() + " new, " + p.readBefore()
                    + " read before");
            return 0;
        } catch (BounceMailbox.MailboxException e) {
            root.spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
    }

    @Command(name = "unrecognized", mixinStandardHelpOptions = true, description = "List the latest messages that could not be read.")
    int unrecognized(@Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "At most N (default: ${DEFAULT-VALUE}).")
                     int limit,
                     @Option(names = "--show", paramLabel = "ID", description = "Print the message with this id as it was kept.") Long show) {
        PrintWriter out = root.spec.commandLine().getOut();
        try (App app = root.open()) {
            if (show != null) {
                out.print(app.reports().unrecognized(show.longValue()).orElseThrow(
                        () -> new UserError("no unrecognized message with id " + show, 1)).message());
                return 0;
            }
            List<UnrecognizedReport> reports = app.reports().unrecognized(Math.max(1, limit));
            out.printf("%-6s  %-27s  %-7s  %-32s  %s%n", "ID", "RECEIVED", "ORIGIN", "FROM", "SUBJECT");
            for (UnrecognizedReport r : reports) {
                out.printf("%-6d  %-27s  %-7s  %-32s  %s%n", r.id(), r.receivedAt(), r.origin(), dash(r.sender()), dash(r.subject()));
            }
            out.println(reports.size() + " unrecognized");
            return 0;
        }
    }

    private static void print(PrintWriter out, OutputFormat format, String file, ReportProcessor.Processed p, Tally tally) {
        tally.add(p);
        for (ReportOutcome o : p.outcomes()) {
            Finding f = o.finding();
            if (format == OutputFormat.json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", file);
                m.put("kind", f.kind().word());
                m.put("recipient", f.recipient());
                m.put("class", f.bounceClass() == null ? null : f.bounceClass().word());
                m.put("status", f.status());
                m.put("diagnostic", f.diagnostic());
                m.put("reader", o.reader());
                m.put("edition", o.edition());
                m.put("match", o.match());
                m.put("action", o.action());
                try {
                    out.println(LINES.writeValueAsString(m));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                out.printf("%-30s  %-15s  %-5s  %-7s  %-32s  %-7s  %-8s  %s%n", shortName(file), f.kind().word(),
                        f.bounceClass() == null ? "-" : f.bounceClass().word(), dash(f.status()), dash(f.recipient()),
                        o.reader() == null ? "-" : o.reader(), dash(o.edition()), o.action());
            }
        }
    }

    private static String shortName(String file) {
        return file.length() <= 30 ? file : "..." + file.substring(file.length() - 27);
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    /** How many messages of each kind were read. */
    private static final class Tally {
        private final Map<String, Integer> kinds = new TreeMap<>();
        private int messages;
        private int before;

        void add(ReportProcessor.Processed p) {
            messages++;
            if (p.readBefore()) {
                before++;
            }
            kinds.merge(p.report().kind().word(), 1, Integer::sum);
        }

        String summary(boolean dryRun) {
            return (dryRun ? "Dry run, nothing changed: " : "") + messages + (messages == 1 ? " message" : " messages")
                    + (kinds.isEmpty() ? "" : " " + kinds) + (before == 0 ? "" : ", " + before + " read before");
        }
    }
}
