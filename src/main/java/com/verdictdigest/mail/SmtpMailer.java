package com.verdictdigest.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPOutputStream;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends through an SMTP relay with Jakarta Mail (Angus). Each session is one connection reused for
 * many messages and re-opened after it breaks. Messages are already complete bytes, so Jakarta Mail
 * only speaks SMTP; it does not rebuild or re-encode anything.
 */
public final class SmtpMailer implements Mailer {
    private final SmtpConfig config;
    /** Closes a connection whose DATA write outlasts the read timeout (see {@link DataChannel}). */
    private final ScheduledExecutorService writeWatchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-write-timeout");
        t.setDaemon(true);
        return t;
    });

    private final SSLSocketFactory tls;

    /** @throws com.verdictdigest.config.ConfigException when {@code smtp.ca-file} cannot be read */
    public SmtpMailer(SmtpConfig config) {
        this.config = config;
        this.tls = RelayTrust.socketFactory(config.caFile());
    }

    @Override
    public void close() {
        writeWatchdog.shutdownNow();
    }

    /**
     * A Jakarta Mail session of its own for each connection, so that its socket factory knows which
     * socket the connection writes to.
     */
    private jakarta.mail.Session session(NoDelaySocketFactory plain) {
        Properties p = new Properties();
        String proto = config.tls().equals("tls") ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", config.host());
        p.put("mail." + proto + ".port", String.valueOf(config.port()));
        p.put("mail." + proto + ".connectiontimeout", String.valueOf(config.connectTimeout().toMillis()));
        p.put("mail." + proto + ".timeout", String.valueOf(config.readTimeout().toMillis()));
        p.put("mail." + proto + ".writetimeout", String.valueOf(config.readTimeout().toMillis()));
        p.put("mail." + proto + ".quitwait", "false");
        p.put("mail." + proto + ".auth", String.valueOf(!config.username().isEmpty()));
        if (config.tls().equals("tls")) {
            p.put("mail.smtps.ssl.checkserveridentity", "true");
            p.put("mail.smtps.socketFactory", new NoDelaySslSocketFactory(tls));
        } else {
            p.put("mail.smtp.socketFactory", plain);
            // No silent retry on a socket of Angus's own: the factory must know the socket in use.
            p.put("mail.smtp.socketFactory.fallback", "false");
            if (config.tls().equals("starttls")) {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
                p.put("mail.smtp.ssl.socketFactory", tls); // what the connection is upgraded with
            }
        }
        return jakarta.mail.Session.getInstance(p);
    }

    @Override
    public String describe() {
        return "SMTP " + config.host() + ":" + config.port() + " (" + config.tls() + ")";
    }

    @Override
    public Mailer.Session open() throws SendFailure {
        return new Connection();
    }

    private final class Connection implements Mailer.Session {
        private final NoDelaySocketFactory plain = new NoDelaySocketFactory();
        private final jakarta.mail.Session session = session(plain);
        private Transport transport;
        /** Where the DATA text goes: the plain socket, or null to leave it to Angus. */
        private DataChannel data;

        Connection() throws SendFailure {
            connect();
        }

        private void connect() throws SendFailure {
            try {
                transport = session.getTransport();
                if (config.username().isEmpty()) {
                    transport.connect();
                } else {
                    transport.connect(config.host(), config.port(), config.username(), config.password());
                }
                // Only on a plain connection do we know the socket Angus writes to: with STARTTLS and
                // implicit TLS it writes through a TLS socket of its own.
                data = config.tls().equals("none") ? new DataChannel(plain.lastSocket(), config.readTimeout(), writeWatchdog) : null;
            } catch (MessagingException e) {
                transport = null;
                throw new SendFailure("cannot connect to " + describe() + ": " + reason(e), SendFailure.Kind.CONNECTION, e);
            }
        }

        @Override
        public void send(OutgoingMessage message) throws SendFailure {
            if (transport == null) { // isConnected() would cost a NOOP round trip per message
                connect();
            }
            try {
                Address[] to = {new InternetAddress(message.recipient())};
                transport.sendMessage(new Prebuilt(session, message, data), to);
            } catch (MessagingException e) {
                int code = replyCode(e);
                SendFailure.Kind kind = code >= 500 ? (recipientRefused(e) ? SendFailure.Kind.RECIPIENT_REJECTED : SendFailure.Kind.PERMANENT)
                        : code >= 400 ? SendFailure.Kind.TEMPORARY : SendFailure.Kind.CONNECTION;
                if (!(code >= 500)) {
                    // A 4xx or a broken connection: start the next message on a fresh connection.
                    closeQuietly();
                }
                throw new SendFailure((code > 0 ? code + " " : "") + reason(e), kind, e);
            }
        }

        @Override
        public void close() {
            closeQuietly();
        }

        private void closeQuietly() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the connection is gone either way
                }
                transport = null;
            }
        }
    }

    /** Whether the refusal was of the recipient (RCPT), not of the message. */
    private static boolean recipientRefused(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException) {
                return true;
            }
        }
        return false;
    }

    private static int replyCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
            if (x instanceof SMTPSendFailedException f) {
                return f.getReturnCode();
            }
        }
        if (e instanceof SendFailedException s && s.getNextException() instanceof MessagingException next) {
            return replyCode(next);
        }
        return -1;
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()).strip();
        // Replies quote the address; logs and the ledger keep the reader's id instead.
        return m.replaceAll("\\s+", " ").replaceAll("[^\\s<>:]+@[^\\s<>:]+", "…@…");
    }

    /** A message whose bytes are already final: written as they are. */
    private static final class Prebuilt extends MimeMessage {
        private final OutgoingMessage message;
        private final DataChannel data;

        Prebuilt(jakarta.mail.Session session, OutgoingMessage message, DataChannel data) {
            super(session);
            this.message = message;
            this.data = data;
        }

        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
            // Angus's SMTPOutputStream checks every byte and writes line by line: a large share of the
            // sender threads' time (JFR, README "Performance"). Our message is made into DATA
            // text in one pass and written in one call to the same socket: Angus has flushed the DATA
            // command before calling us, and writes the final "." line after we return. Exactly that
            // class: BDAT's stream (CHUNKING) is a subclass that frames what it is given.
            if (data != null && os.getClass() == SMTPOutputStream.class) {
                data.write(message.data());
            } else {
                os.write(message.data());
            }
        }

        @Override
        public Address[] getFrom() throws MessagingException {
            return new Address[] {new InternetAddress(message.envelopeFrom())};
        }
    }
}
