package com.verdictdigest.bounces;

import com.verdictdigest.mail.NoDelaySockets;
import com.verdictdigest.store.StoreException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mailbox the return path delivers to (bounces.mailbox), read over IMAP or POP3. The messages
 * whose effects are committed are flagged for removal when the batch ends, and removed when the
 * folder closes: a crash before the commit leaves it to be read again; a crash after it leaves it to be
 * read again too, and then it changes nothing (the processor knows it by its fingerprint).
 */
public final class BounceMailbox {
    private static final Logger log = LoggerFactory.getLogger(BounceMailbox.class);
    /** Messages read per poll, so one poll never holds the mailbox (or the memory) for long; the rest wait for the next. */
    static final int BATCH = 500;
    /**
     * IMAP messages fetched whole in one command (RFC 3501 section 6.4.5 takes a set): one round trip
     * per this many messages instead of several per message.
     */
    private static final int PREFETCH = 20;
    private static final FetchProfile WHOLE_MESSAGES = new FetchProfile();

    static {
        WHOLE_MESSAGES.add(IMAPFolder.FetchProfileItem.MESSAGE);
    }
    private static final int TIMEOUT_MILLIS = 30_000;

    private final URI address;
    private final String password;
    private final ReportProcessor processor;

    public BounceMailbox(URI address, String password, ReportProcessor processor) {
        this.address = address;
        this.password = password;
        this.processor = processor;
    }

    /** What one poll did. */
    public record Poll(int read, int acted, int readBefore) {
    }

    /**
     * Reads up to {@link #BATCH} messages and acts on each.
     *
     * @throws MailboxException when the mailbox cannot be reached or opened (nothing was read)
     * @throws StoreException   when the database went away mid-batch (what was committed is removed; the rest stays)
     */
    public Poll poll() {
        String protocol = address.getScheme();
        Session session = Session.getInstance(properties(protocol));
        Store store;
        Folder folder;
        try {
            store = session.getStore(protocol);
            store.connect(address.getHost(), address.getPort(), address.getUserInfo(), password);
        } catch (MessagingException e) {
            throw new MailboxException("cannot reach the bounce mailbox " + safeAddress() + ": " + oneLine(e));
        }
        try {
            folder = store.getFolder(folderName());
            folder.open(Folder.READ_WRITE);
        } catch (MessagingException e) {
            close(store);
            throw new MailboxException("cannot open the folder of the bounce mailbox " + safeAddress() + ": " + oneLine(e));
        }
        int read = 0;
        int acted = 0;
        int before = 0;
        try {
            int count = folder.getMessageCount();
            int last = Math.min(count, BATCH);
            for (int i = 1; i <= last; i++) {
                if (folder instanceof IMAPFolder imap && (i - 1) % PREFETCH == 0) {
                    imap.fetch(imap.getMessages(i, Math.min(last, i + PREFETCH - 1)), WHOLE_MESSAGES);
                }
                ReportProcessor.Processed p = processor.process(bytes(folder.getMessage(i)), ReportOrigin.MAILBOX, false);
                read++; // what it caused is committed: it may go (flagged below, all in one command)
                if (p.readBefore()) {
                    before++;
                } else {
                    acted++;
                }
            }
            if (count > BATCH) {
                log.info("Bounce mailbox: {} more messages wait for the next poll", count - BATCH);
            }
        } catch (MessagingException | IOException e) {
            throw new MailboxException("lost the bounce mailbox " + safeAddress() + " after " + read + " messages: " + oneLine(e));
        } finally {
            try {
                if (read > 0) {
                    folder.setFlags(1, read, new Flags(Flags.Flag.DELETED), true);
                }
                folder.close(true); // removes the messages flagged
            } catch (MessagingException e) {
                log.warn("Bounce mailbox: could not close the folder ({}); its messages are read again next time, changing nothing",
                        oneLine(e));
            }
            close(store);
        }
        return new Poll(read, acted, before);
    }

    private String folderName() {
        String path = address.getPath();
        return path == null || path.length() <= 1 || address.getScheme().startsWith("pop3") ? "INBOX" : path.substring(1);
    }

    /** The address without its user: what logs and errors show. */
    String safeAddress() {
        return address.getScheme() + "://" + address.getHost() + (address.getPort() > 0 ? ":" + address.getPort() : "")
                + (address.getPath() == null ? "" : address.getPath());
    }

    private static byte[] bytes(Message m) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(new CappedStream(out, ReportFiles.MAX_MESSAGE_BYTES));
        return out.toByteArray();
    }

    private static Properties properties(String protocol) {
        Properties p = new Properties();
        p.setProperty("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
        p.setProperty("mail." + protocol + ".timeout", String.valueOf(TIMEOUT_MILLIS));
        p.setProperty("mail." + protocol + ".writetimeout", String.valueOf(TIMEOUT_MILLIS));
        p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
        NoDelaySockets.use(p, protocol);
        return p;
    }

    private static void close(Store store) {
        try {
            store.close();
        } catch (MessagingException e) {
            log.debug("Bounce mailbox did not close cleanly: {}", e.getMessage());
        }
    }

    private static String oneLine(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.replaceAll("\\s+", " ").strip();
    }

    /** The mailbox could not be reached or read: one clear line, and the next poll tries again. */
    public static final class MailboxException extends RuntimeException {
        MailboxException(String message) {
            super(message);
        }
    }

    /** Writes at most {@code max} bytes and drops the rest: a huge message cannot fill the memory. */
    private static final class CappedStream extends OutputStream {
        private final OutputStream out;
        private int left;

        CappedStream(OutputStream out, int max) {
            this.out = out;
            this.left = max;
        }

        @Override
        public void write(int b) throws IOException {
            if (left > 0) {
                out.write(b);
                left--;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = Math.min(len, left);
            if (n > 0) {
                out.write(b, off, n);
                left -= n;
            }
        }
    }
}
