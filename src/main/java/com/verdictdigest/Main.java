package com.verdictdigest;

import com.verdictdigest.cli.VerdictsCommand;
import java.io.PrintWriter;
import java.util.Map;

/** Entry point: builds the command line and maps its outcome to an exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Names Angus's stream provider, so Jakarta Mail does not look it up with a ServiceLoader scan of
        // the class path for every stream it makes.
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
        System.exit(run(args, System.getenv(),
                new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command; the environment is passed in so tests can set VERDICTS_* variables. */
    public static int run(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        return VerdictsCommand.commandLine(environment, out, err).execute(args);
    }
}
