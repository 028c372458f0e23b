package com.verdictdigest.delivery;

import com.verdictdigest.store.StoreException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this process's lease alive while it sends, three beats per lease. When the others have
 * taken it for dead, or it could not renew for two thirds of a lease (the others will soon take
 * its work back), it tells the run to stop before anything could be sent twice.
 */
final class SenderHeartbeat implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SenderHeartbeat.class);

    private final SenderLeases leases;
    private final String processId;
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sender-heartbeat");
        t.setDaemon(true);
        return t;
    });

    /** Registers the process and starts beating; {@code run} hears why the lease is lost. */
    SenderHeartbeat(SenderLeases leases, String processId, Duration lease, SendRun run) {
        this.leases = leases;
        this.processId = processId;
        leases.register(processId);
        long beat = Math.max(500, lease.toMillis() / 3);
        long[] lastBeat = {System.nanoTime()};
        beats.scheduleAtFixedRate(() -> {
            try {
                if (leases.heartbeat(processId, lease)) {
                    lastBeat[0] = System.nanoTime();
                } else {
                    run.leaseLost("this process was taken for dead by the others; its work was taken back");
                }
            } catch (RuntimeException e) {
                log.warn("Heartbeat failed: {}", e.getMessage());
                if (System.nanoTime() - lastBeat[0] > lease.toNanos() * 2 / 3) {
                    if (e instanceof StoreException s && s.isConnectionLost()) {
                        run.databaseLost(e.getMessage()); // not a pause: the send resumes when the database is back
                    } else {
                        run.leaseLost("no heartbeat for too long: " + e.getMessage());
                    }
                }
            }
        }, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** Stops beating and unregisters: the process no longer holds anything. */
    @Override
    public void close() {
        beats.shutdownNow();
        try {
            leases.unregister(processId);
        } catch (StoreException e) {
            // The database is away: the registration lapses with its lease, and the others (or the
            // next send here) take back what it held.
            log.debug("Could not unregister: {}", e.getMessage());
        }
    }
}
