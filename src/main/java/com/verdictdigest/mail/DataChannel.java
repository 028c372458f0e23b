package com.verdictdigest.mail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The plain socket of one SMTP connection, for writing a message's DATA text in one call. Angus
 * bounds its own writes by closing the socket when one outlasts the write timeout; this does the
 * same, or a relay that stops reading would hold the sender until the kernel gives up (minutes).
 */
final class DataChannel {
    private final Socket socket;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog;

    DataChannel(Socket socket, Duration timeout, ScheduledExecutorService watchdog) {
        this.socket = socket;
        this.timeout = timeout;
        this.watchdog = watchdog;
    }

    /** Writes the message as DATA text; an IOException (the socket closed by the timeout too) breaks the connection. */
    void write(byte[] message) throws IOException {
        ScheduledFuture<?> expiry = watchdog.schedule(this::close, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            OutputStream out = socket.getOutputStream();
            out.write(SmtpData.of(message));
            out.flush();
        } finally {
            expiry.cancel(false);
        }
    }

    private void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is the point: the blocked write fails
        }
    }
}
