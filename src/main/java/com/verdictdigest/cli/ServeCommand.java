package com.verdictdigest.cli;

import com.verdictdigest.App;
import com.verdictdigest.config.Keys;
import com.verdictdigest.web.WebServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts serve}: the web server for readers' links, until Ctrl-C or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the pages behind the links in emails (subscribe, confirm, bookmark, manage, unsubscribe, archive).")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    VerdictsCommand root;

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        try (App app = root.open(); WebServer server = app.webServer().start()) {
            String local = "http://" + app.settings().get(Keys.HTTP_HOST) + ":" + server.port();
            root.spec.commandLine().getOut().println("Serving on " + local + " (links in emails use "
                    + app.settings().get(Keys.SITE_BASE_URL) + "); archive: " + local + "/digests. Ctrl-C stops.");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "stop-serving"));
            stopped.await();
        }
        return 0;
    }
}
