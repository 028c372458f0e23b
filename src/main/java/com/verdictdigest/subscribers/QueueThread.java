package com.verdictdigest.subscribers;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread a mail queue sends from: a round every second, a pause after a round the relay
 * refused or that failed, and a round at once when woken. Shared by the confirmation and welcome
 * queues.
 */
final class QueueThread implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QueueThread.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(10);

    private final String name;
    private final String mails;
    private final BooleanSupplier round;
    private final Object signal = new Object();
    private Thread thread;
    private volatile boolean closed;
    private boolean woken;

    /**
     * @param mails what the queue sends, for the log ("Confirmation mails")
     * @param round sends what is due; false when the relay refused one
     */
    QueueThread(String name, String mails, BooleanSupplier round) {
        this.name = name;
        this.mails = mails;
        this.round = round;
    }

    synchronized void start() {
        if (thread == null) {
            thread = new Thread(this::loop, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (!closed) {
            Duration pause = POLL;
            try {
                if (!round.getAsBoolean()) {
                    pause = AFTER_FAILURE;
                }
            } catch (RuntimeException e) {
                log.warn("{} could not be sent this round: {}", mails, e.getMessage());
                pause = AFTER_FAILURE;
            }
            synchronized (signal) {
                if (!woken && !closed) {
                    try {
                        signal.wait(pause.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    /** Stops after the mail being sent, if any. */
    @Override
    public void close() {
        closed = true;
        wake();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
