package com.verdictdigest.mail;

/**
 * Where messages go: an SMTP relay, or the local outbox. One session per sending connection; one
 * mailer per process, closed when the process stops.
 */
public interface Mailer extends AutoCloseable {
    Session open() throws SendFailure;

    /** Human words for where the mail goes, for logs ("smtp relay.example:587", "outbox data/outbox"). */
    String describe();

    /** Releases what the mailer holds beyond its sessions. */
    @Override
    default void close() {
    }

    /** One connection, reused for many messages; not thread-safe. */
    interface Session extends AutoCloseable {
        void send(OutgoingMessage message) throws SendFailure;

        @Override
        void close();
    }
}
