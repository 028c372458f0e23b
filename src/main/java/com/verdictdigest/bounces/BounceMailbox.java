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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
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
    /** IMAP messages fetched whole in one command, when each is at most {@link #PREFETCH_MAX_BYTES}. */
    private static final int PREFETCH = 20;
    private static final int PREFETCH_MAX_BYTES = 1024 * 1024;
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
        List<Message> done = new ArrayList<>();
        int acted = 0;
        int before = 0;
        try {
            int count = folder.getMessageCount();
            Message[] batch = folder.getMessages(1, Math.min(count, BATCH));
            for (int i = 0; i < batch.length; i++) {
                Message m = batch[i];
                if (i % PREFETCH == 0) {
                    prefetch(folder, Arrays.copyOfRange(batch, i, Math.min(batch.length, i + PREFETCH)));
                }
                byte[] bytes = bytes(m);
                if (m instanceof IMAPMessage imap) {
                    imap.invalidateHeaders(); // drops what the prefetch cached: one group in memory at a time
                }
                ReportProcessor.Processed p;
                try {
                    p = processor.process(bytes, ReportOrigin.MAILBOX, false);
                } catch (StoreException e) {
                    if (e.isConnectionLost()) {
                        throw e; // the rest waits for the database
                    }
                    log.warn("Bounce mailbox: message {} could not be recorded ({}); left in the mailbox", m.getMessageNumber(),
                            e.getMessage());
                    continue;
                }
                done.add(m); // what it caused is committed: it may go (flagged below, all in one command)
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
            throw new MailboxException("lost the bounce mailbox " + safeAddress() + " after " + done.size() + " messages: " + oneLine(e));
        } finally {
            try {
                if (!done.isEmpty()) {
                    processor.writeToDisk(); // the effects first, for good; then the messages may go
                    folder.setFlags(done.toArray(Message[]::new), new Flags(Flags.Flag.DELETED), true);
                }
                folder.close(true); // removes the messages flagged
            } catch (MessagingException | StoreException e) {
                log.warn("Bounce mailbox: did not remove what was read ({}); it is read again next time, changing nothing",
                        oneLine(e));
            }
            close(store);
        }
        return new Poll(done.size(), acted, before);
    }

    /**
     * Fetches a group of small messages whole in one IMAP command (RFC 3501 section 6.4.5 takes a
     * set): one round trip for the group instead of several each. A large one is read on its own,
     * no more of it kept than {@link ReportFiles#MAX_MESSAGE_BYTES}.
     */
    private static void prefetch(Folder folder, Message[] group) throws MessagingException {
        if (!(folder instanceof IMAPFolder imap)) {
            return;
        }
        FetchProfile sizes = new FetchProfile();
        sizes.add(FetchProfile.Item.SIZE);
        imap.fetch(group, sizes);
        List<Message> small = new ArrayList<>();
        for (Message m : group) {
            int size = m.getSize();
            if (size >= 0 && size <= PREFETCH_MAX_BYTES) {
                small.add(m);
            }
        }
        if (!small.isEmpty()) {
            imap.fetch(small.toArray(Message[]::new), WHOLE_MESSAGES);
        }
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
        // POP3 reads a whole message before handing it over: into a temporary file, not the memory.
        p.setProperty("mail." + protocol + ".filecache.enable", "true");
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
