package com.verdictdigest.mail;

import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * TCP_NODELAY for any of Jakarta Mail's protocols, not only SMTP: an IMAP or POP3 client that
 * waits for the server's delayed ACK before each command loses tens of milliseconds a message
 * (see {@link NoDelaySocketFactory}).
 */
public final class NoDelaySockets {
    private NoDelaySockets() {
    }

    /** Sets the socket factory of {@code protocol} ({@code imap}, {@code imaps}, {@code pop3}, {@code pop3s}) in a session's properties. */
    public static void use(Properties session, String protocol) {
        boolean tls = protocol.endsWith("s");
        session.put("mail." + protocol + ".socketFactory", tls
                ? new NoDelaySslSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault()) : new NoDelaySocketFactory());
        session.put("mail." + protocol + ".socketFactory.fallback", "false");
    }
}
