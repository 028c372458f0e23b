package com.verdictdigest.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small real SMTP server on a loopback port whose replies per recipient are scripted: GreenMail
 * accepts everyone, but a relay also answers 4xx (try later) and 5xx (no such user). Speaks enough
 * of RFC 5321 for Jakarta Mail: EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT, and STARTTLS when asked to.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    /** recipient -> reply to RCPT, e.g. "550 5.1.1 no such user". */
    private final Map<String, String> permanent = new ConcurrentHashMap<>();
    /** recipient -> how many more times RCPT answers 451. */
    private final Map<String, AtomicInteger> temporary = new ConcurrentHashMap<>();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    /** recipient -> when each RCPT for it arrived (System.nanoTime). */
    private final Map<String, List<Long>> attempts = new ConcurrentHashMap<>();

    /** Offers STARTTLS with this context when not null (RFC 3207). */
    private final SSLContext startTls;
    private final List<String> deliveredOverTls = new CopyOnWriteArrayList<>();
    private volatile long replyDelayMillis;

    public ScriptedSmtpServer() throws IOException {
        this(null);
    }

    /** A relay that offers STARTTLS (RFC 3207) with the certificate in {@code startTls}. */
    public ScriptedSmtpServer(SSLContext startTls) throws IOException {
        this.startTls = startTls;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(this::accept);
    }

    /** Answers every command this much later, as a relay far away does. */
    public void delayReplies(long millis) {
        replyDelayMillis = millis;
    }

    /** Recipients of the messages accepted on a connection upgraded to TLS. */
    public List<String> deliveredOverTls() {
        return deliveredOverTls;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public void reject(String recipient) {
        permanent.put(recipient, "550 5.1.1 <" + recipient + ">: no such user");
    }

    public void deferTimes(String recipient, int times) {
        temporary.put(recipient, new AtomicInteger(times));
    }

    /** When each RCPT for the recipient arrived, in System.nanoTime(). */
    public List<Long> attempts(String recipient) {
        return attempts.getOrDefault(recipient, List.of());
    }

    /** Recipients of every message accepted, in order. */
    public List<String> delivered() {
        return delivered;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                pool.submit(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket current = client;
        try {
            BufferedReader in = reader(current);
            OutputStream out = current.getOutputStream();
            reply(out, "220 scripted ESMTP");
            String rcpt = null;
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (cmd) {
                    case "EHLO", "HELO" -> reply(out, startTls != null && !(current instanceof SSLSocket)
                            ? "250-scripted\r\n250-STARTTLS\r\n250 8BITMIME" : "250-scripted\r\n250 8BITMIME");
                    case "STAR" -> {
                        reply(out, "220 2.0.0 ready to start TLS");
                        SSLSocket tls = (SSLSocket) startTls.getSocketFactory().createSocket(current,
                                current.getInetAddress().getHostAddress(), current.getPort(), true);
                        tls.setUseClientMode(false);
                        tls.startHandshake();
                        current = tls;
                        in = reader(current);
                        out = current.getOutputStream();
                        rcpt = null;
                    }
                    case "MAIL" -> {
                        rcpt = null;
                        reply(out, "250 2.1.0 ok");
                    }
                    case "RCPT" -> {
                        String to = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                        attempts.computeIfAbsent(to, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
                        AtomicInteger deferrals = temporary.get(to);
                        if (permanent.containsKey(to)) {
                            reply(out, permanent.get(to));
                        } else if (deferrals != null && deferrals.getAndDecrement() > 0) {
                            reply(out, "451 4.3.0 try again later");
                        } else {
                            rcpt = to;
                            reply(out, "250 2.1.5 ok");
                        }
                    }
                    case "DATA" -> {
                        if (rcpt == null) {
                            reply(out, "554 5.5.1 no valid recipients");
                            continue;
                        }
                        reply(out, "354 go ahead");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message body is not kept: only who got one
                        }
                        delivered.add(rcpt);
                        if (current instanceof SSLSocket) {
                            deliveredOverTls.add(rcpt);
                        }
                        reply(out, "250 2.0.0 queued");
                    }
                    case "RSET", "NOOP" -> reply(out, "250 ok");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away, or refused our certificate
        } finally {
            try {
                current.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    }

    private void reply(OutputStream out, String text) throws IOException {
        if (replyDelayMillis > 0) {
            try {
                Thread.sleep(replyDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        pool.shutdownNow();
    }
}
