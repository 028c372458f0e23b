package com.verdictdigest.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with TCP_NODELAY. Without it, the short last write of every DATA body waits for
 * the server's delayed ACK (Nagle's algorithm, RFC 896, meeting RFC 1122 section 4.2.3.2): a pause
 * of tens of milliseconds on every message. Angus Mail has no setting for it, but takes a socket factory.
 */
final class NoDelaySocketFactory extends SocketFactory {
    private final SocketFactory plain = SocketFactory.getDefault();

    private volatile Socket last;

    private Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        last = s;
        return s;
    }

    /** The socket made last: the one a connection that owns this factory is using. */
    Socket lastSocket() {
        return last;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(plain.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(plain.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(plain.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return noDelay(plain.createSocket(address, port, localAddress, localPort));
    }
}
