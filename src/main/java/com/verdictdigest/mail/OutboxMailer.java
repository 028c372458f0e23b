package com.verdictdigest.mail;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default: each message is written to {@code data.dir/outbox/<Message-ID>.eml}, the
 * very bytes SMTP would carry, so a new user sees exactly what readers would get. Written to a
 * temporary name and linked into place, so a crash never leaves half a message. A message sent
 * again (a send in doubt after a crash) never replaces the first copy: it is kept beside it as
 * {@code <Message-ID>.resent-2.eml}, and so on, as a reader's mailbox would show it twice.
 */
public final class OutboxMailer implements Mailer {
    private final Path dir;

    public OutboxMailer(Path dir) {
        this.dir = dir;
    }

    @Override
    public String describe() {
        return "outbox " + dir;
    }

    @Override
    public Session open() throws SendFailure {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SendFailure("cannot create the outbox " + dir + ": " + e.getMessage(), SendFailure.Kind.CONNECTION, e);
        }
        return new Session() {
            @Override
            public void send(OutgoingMessage message) throws SendFailure {
                String name = message.messageId().replaceAll("[^A-Za-z0-9._-]", "_");
                Path tmp = null;
                try {
                    tmp = Files.createTempFile(dir, ".", ".tmp");
                    Files.write(tmp, message.data());
                    for (int copy = 1; !place(tmp, dir.resolve(name + (copy == 1 ? "" : ".resent-" + copy) + ".eml")); copy++) {
                        // sent before: keep both copies
                    }
                } catch (IOException e) {
                    throw new SendFailure("cannot write to the outbox: " + e.getMessage(), SendFailure.Kind.CONNECTION, e);
                } finally {
                    deleteQuietly(tmp);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /** Puts the written message at {@code target} unless a file is there; false when one is. */
    private static boolean place(Path written, Path target) throws IOException {
        try {
            Files.createLink(target, written); // unlike a rename, never replaces a file
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            try {
                Files.copy(written, target); // no hard links here: a copy, which refuses an existing file too
                return true;
            } catch (FileAlreadyExistsException exists) {
                return false;
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stray temporary file: the message itself is in place
        }
    }
}
