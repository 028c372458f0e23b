package com.verdictdigest.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A generated secret kept in {@code data.dir}: readable by its owner only from its first byte, and
 * created once even when two processes start at the same moment. It is written whole under a
 * temporary name (owner-only, as the JDK makes temporary files) and linked into place, so nobody
 * ever reads it half written, and a second process that loses the race reads the winner's.
 */
public final class OwnerOnlyFile {
    private OwnerOnlyFile() {
    }

    /** The file's text, and whether this call made it. */
    public record Contents(String text, boolean created) {
    }

    public static Contents readOrCreate(Path file, Supplier<String> generate) throws IOException {
        if (Files.exists(file)) {
            return new Contents(Files.readString(file).strip(), false);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path written = Files.createTempFile(dir, ".", ".tmp");
        try {
            String text = generate.get();
            Files.writeString(written, text + "\n");
            try {
                Files.createLink(file, written);
                return new Contents(text, true);
            } catch (FileAlreadyExistsException e) {
                return new Contents(Files.readString(file).strip(), false);
            }
        } finally {
            Files.deleteIfExists(written);
        }
    }
}
