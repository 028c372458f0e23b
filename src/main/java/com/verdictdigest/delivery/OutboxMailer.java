package com.verdictdigest.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The embedded default: each message is written to {@code data.dir/outbox/<Message-ID>.eml}, the
 * very bytes SMTP would carry, so a new user sees exactly what readers would get. Written to a
 * temporary name and moved, so a crash never leaves half a message.
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
                String name = message.messageId().replaceAll("[^A-Za-z0-9._-]", "_") + ".eml";
                Path tmp = dir.resolve("." + name + ".tmp");
                try {
                    Files.write(tmp, message.data());
                    Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new SendFailure("cannot write to the outbox: " + e.getMessage(), SendFailure.Kind.CONNECTION, e);
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
