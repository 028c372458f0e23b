package com.verdictdigest.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The copies of a value that outlive its rows in the files of the data folder: an embedded H2
 * database keeps the pages it replaced in its file until it compacts it, H2 quotes values in its
 * trace file ({@code .trace.db}) when a statement fails, and a preview is a reader's copy of a
 * digest. Removing a value means rewriting the database file until it is no longer there, and
 * masking it in every other file, except the outbox (the mails as sent, the operator's own record
 * of what went out). A value is matched as its UTF-8 bytes, ASCII letters in either case: H2 writes
 * a string's characters below U+0080 as those bytes, and an address is ASCII (EmailAddress).
 */
public final class StoredCopies {
    private static final Logger log = LoggerFactory.getLogger(StoredCopies.class);
    private static final int BUFFER = 1 << 16;

    private final Path dataDir;
    private final Path outbox;

    /** @param outbox the folder left as it is (null: none) */
    public StoredCopies(Path dataDir, Path outbox) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.outbox = outbox == null ? null : outbox.toAbsolutePath().normalize();
    }

    /**
     * What a removal did.
     *
     * @param databaseFile whether the database is an H2 file, rewritten here
     * @param clean        whether no file of the data folder (the outbox aside) holds the value now
     * @param masked       the files where it was masked
     */
    public record Removal(boolean databaseFile, boolean clean, List<Path> masked) {
    }

    /** Removes {@code value} from the database's file (H2) and masks it in the other files of the data folder. */
    public Removal remove(DataSource db, String value) {
        boolean databaseFile = false;
        boolean clean = true;
        try (Connection con = db.getConnection()) {
            if ("H2".equals(con.getMetaData().getDatabaseProductName()) && !con.getMetaData().getURL().startsWith("jdbc:h2:mem:")) {
                databaseFile = true;
                clean = H2FileScrub.scrub(con, value);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot rewrite the database file: " + e.getMessage(), e);
        }
        List<Path> masked = new ArrayList<>();
        byte[] needle = folded(value);
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path f = file.toAbsolutePath().normalize();
                if ((outbox != null && f.startsWith(outbox)) || database(f)) {
                    continue;
                }
                if (mask(f, needle) > 0) {
                    masked.add(f);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot remove copies from " + dataDir + ": " + e.getMessage(), e);
        }
        if (!masked.isEmpty()) {
            log.info("Masked an erased value in {} file(s) of the data folder", masked.size());
        }
        return new Removal(databaseFile, clean, masked);
    }

    /** H2's own files, which only H2 writes: the database (rewritten by H2FileScrub) and its lock. */
    private static boolean database(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".mv.db") || name.endsWith(".lock.db");
    }

    static byte[] folded(String value) {
        return value.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }

    private static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    /** Where {@code needle} (lower case) starts in {@code bytes[0, length)}, ASCII letters in either case, from {@code from}; -1 if nowhere. */
    private static int find(byte[] bytes, int length, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (lower(bytes[i + j] & 0xff) != (needle[j] & 0xff)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Whether the file holds {@code needle} (lower case), read a block at a time: a database file may be large. */
    static boolean contains(Path file, byte[] needle) throws IOException {
        byte[] buffer = new byte[BUFFER + needle.length];
        int kept = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer, kept, BUFFER)) > 0) {
                int length = kept + n;
                if (find(buffer, length, needle, 0) >= 0) {
                    return true;
                }
                kept = Math.min(needle.length - 1, length);
                System.arraycopy(buffer, length - kept, buffer, 0, kept);
            }
        }
        return false;
    }

    /** Overwrites each occurrence with as many asterisks, in place (a writer appending to the file carries on). */
    private static int mask(Path file, byte[] needle) throws IOException {
        if (!contains(file, needle)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        int count = 0;
        for (int at = find(bytes, bytes.length, needle, 0); at >= 0; at = find(bytes, bytes.length, needle, at + needle.length)) {
            Arrays.fill(bytes, at, at + needle.length, (byte) '*');
            count++;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), 0);
        }
        return count;
    }
}
