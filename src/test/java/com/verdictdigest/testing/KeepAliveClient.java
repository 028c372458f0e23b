package com.verdictdigest.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One load-test client: a single HTTP/1.1 connection kept alive across its requests, blocking, the
 * way a load generator such as wrk drives a server. The JDK's HttpClient hands every request of every
 * thread through one selector thread and an executor; in the one-click load test it halved the rate
 * the server could show (about 1,050 per second against 2,000 with this client, same server, same run).
 */
public final class KeepAliveClient implements AutoCloseable {
    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    public KeepAliveClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Posts a body to a URL of this client's server and returns the status; the response is read whole. */
    public int post(String url, String contentType, String body) throws IOException {
        URI uri = URI.create(url);
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + content.length + "\r\n\r\n";
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress(host, port), 5_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }
        byte[] request = new byte[head.length() + content.length];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, request, 0, head.length());
        System.arraycopy(content, 0, request, head.length(), content.length);
        out.write(request);
        out.flush();
        return readResponse();
    }

    private int readResponse() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.split(" ")[1]);
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String h = header.toLowerCase(Locale.ROOT);
            if (h.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                chunked = true;
            } else if (h.startsWith("connection:") && h.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                in.readNBytes((int) size);
                line();
            }
            line();
        } else if (length >= 0) {
            in.readNBytes((int) length);
        } else {
            throw new IOException("response with neither Content-Length nor chunked encoding");
        }
        if (close) {
            close();
        }
        return code;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a loopback socket we are done with
            }
            socket = null;
        }
    }
}
