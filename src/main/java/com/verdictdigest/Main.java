package com.verdictdigest;

import com.verdictdigest.cli.VerdictsCommand;
import java.io.PrintWriter;
import java.util.Map;

/** Entry point: builds the command line and maps its outcome to an exit code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Stops Jakarta Mail scanning the class path (ServiceLoader) for every stream it makes (shared/STACK.md).
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
