package com.verdictdigest.web;

import java.io.EOFException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that fail through the client's fault (a body over the limit, one cut off half way, a
 * malformed one): a 4xx, and at most one WARN line a minute that counts the rest, since anyone can
 * send thousands of them and a stack trace each would flood the log.
 */
final class ClientFaults {
    private static final Logger log = LoggerFactory.getLogger(ClientFaults.class);
    private static final long EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - EVERY_NANOS);
    private final AtomicInteger unlogged = new AtomicInteger();

    /** The status to answer when the failure is the client's, else empty. */
    static OptionalInt status(Throwable e) {
        OptionalInt status = OptionalInt.empty();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.getCode() == 413) {
                return OptionalInt.of(413); // the deepest reason: a multipart parser reports it as a bad body
            }
            if (status.isEmpty() && t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                status = OptionalInt.of(http.getCode());
            }
            if (status.isEmpty() && t instanceof TimeoutException) {
                status = OptionalInt.of(408); // the whole body did not arrive in time
            }
            if (status.isEmpty() && (t instanceof EOFException || t instanceof org.eclipse.jetty.io.EofException)) {
                status = OptionalInt.of(400); // the client stopped sending its body
            }
        }
        return status;
    }

    /** Logs one line for this request unless one was logged in the last minute. */
    void warn(String request, int status, Throwable e) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            log.warn("Request {} refused with {}: {} ({} more such requests since the last line)", request, status,
                    rootMessage(e), unlogged.getAndSet(0));
        } else {
            unlogged.incrementAndGet();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
