package com.verdictdigest.cli;

import com.verdictdigest.delivery.DeliveryCounts;
import com.verdictdigest.delivery.DeliveryLedger;
import com.verdictdigest.editions.EditionRecord;
import com.verdictdigest.editions.EditionStore;
import com.verdictdigest.week.IsoWeek;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress line of a send, read from the ledger every two seconds (so it counts the work of
 * every process sending the edition): sent/total, messages per second, failures, time left.
 */
final class SendProgress implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });
    private final EditionStore editions;
    private final DeliveryLedger ledger;
    private final IsoWeek week;
    private final PrintWriter out;
    private final long start = System.nanoTime();
    private int firstDone = -1;

    SendProgress(EditionStore editions, DeliveryLedger ledger, IsoWeek week, PrintWriter out) {
        this.editions = editions;
        this.ledger = ledger;
        this.week = week;
        this.out = out;
        timer.scheduleAtFixedRate(this::print, 2, 2, TimeUnit.SECONDS);
    }

    private void print() {
        try {
            Optional<EditionRecord> edition = editions.find(week);
            if (edition.isEmpty() || edition.get().audience() == null) {
                return;
            }
            DeliveryCounts c = ledger.counts(edition.get().id());
            if (firstDone < 0) {
                firstDone = c.done();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = (c.done() - firstDone) / seconds;
            int left = c.total() - c.done();
            out.printf(Locale.ROOT, "%s: %,d/%,d sent · %,.0f messages/s · %,d failed · %,d skipped · %s left%n",
                    week, c.sent(), c.total(), rate, c.failed(), c.skipped(),
                    rate > 0 ? Math.round(left / rate) + " s" : "?");
            out.flush();
        } catch (RuntimeException e) {
            // progress is a courtesy: never let it disturb the send
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
