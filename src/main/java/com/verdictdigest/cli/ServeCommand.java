package com.verdictdigest.cli;

import com.verdictdigest.app.App;
import com.verdictdigest.app.Service;
import com.verdictdigest.config.Keys;
import com.verdictdigest.config.SiteAddress;
import com.verdictdigest.schedule.ScheduleConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code verdicts serve}: the main job, until Ctrl-C or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = {
        "Run everything in one process: the reader pages, the admin page and API, the weekly schedule and sending.",
        "Ctrl-C or SIGTERM stops sending between messages; the next start resumes."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    VerdictsCommand root;

    @Override
    public Integer call() throws InterruptedException {
        try (App app = root.open()) {
            return serve(app, root.spec.commandLine().getOut());
        }
    }

    static int serve(App app, PrintWriter out) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Service service = new Service(app).start();
        Thread hook = new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(); // let the service stop cleanly before the JVM goes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-serving");
        Runtime.getRuntime().addShutdownHook(hook);
        String local = "http://" + app.settings().get(Keys.HTTP_HOST) + ":" + service.port();
        out.println("Reader pages: " + local + "/ (links in emails use " + SiteAddress.of(app.settings()) + ")");
        out.println("Admin page:   " + local + "/admin");
        if (service.adminToken().generated()) {
            out.println("Admin token (shown once, kept in " + app.settings().get(Keys.DATA_DIR).resolve("admin.token") + "): "
                    + service.adminToken().value());
        }
        ScheduleConfig schedule = ScheduleConfig.from(app.settings());
        out.println("Next digest:  " + service.nextRun().map(schedule::local).orElse("not scheduled")
                + " (" + schedule.cron() + ")");
        out.println("Ctrl-C stops.");
        out.flush();
        stopped.await();
        try {
            service.close();
        } finally {
            closed.countDown();
        }
        return 0;
    }
}
