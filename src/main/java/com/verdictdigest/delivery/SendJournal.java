package com.verdictdigest.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One sending connection's journal: a line appended before each message goes out ({@code S}) and
 * one after the relay accepted it ({@code D}), as a mail server keeps a queue file. An embedded
 * database may keep its last commits in memory for a moment, and a process killed then takes them
 * with it; these lines are in the operating system's hands once written, so they outlive the
 * process. Replayed against the ledger by the next sender, they put the lost records back: a
 * message the journal saw accepted is sent, one it saw start is in doubt.
 *
 * <p>The owner holds a lock on its file for its life; the operating system drops the lock when the
 * process dies, however it dies. A journal whose lock can be taken belongs to a dead process. The
 * owner never opens its file a second time: closing that second handle would drop its lock (POSIX).
 */
final class SendJournal implements AutoCloseable {
    private static final String SUFFIX = ".journal";
    /** This JVM's open journals: never opened a second time here (closing that channel would drop the owner's lock). */
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private SendJournal(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates the journal of one connection of a sending process. */
    static SendJournal open(Path dir, String processId, int connection) {
        Path file = dir.resolve(processId + "." + connection + SUFFIX).toAbsolutePath();
        Path unlocked = file.resolveSibling(file.getFileName() + ".new");
        FileChannel channel = null;
        OPEN.add(file);
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(unlocked, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            // Named as a journal only once locked, so no other process takes it for a dead one's.
            Files.move(unlocked, file, StandardCopyOption.ATOMIC_MOVE);
            return new SendJournal(file, channel, lock);
        } catch (IOException | RuntimeException e) {
            OPEN.remove(file);
            try {
                if (channel != null) {
                    channel.close();
                }
                Files.deleteIfExists(unlocked);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new UncheckedIOException("cannot create the send journal " + file + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** Before the message goes out. */
    void started(long editionId, long readerId) {
        append('S', editionId, readerId);
    }

    /** After the relay accepted the message. */
    void sent(long editionId, long readerId) {
        append('D', editionId, readerId);
    }

    private void append(char kind, long editionId, long readerId) {
        ByteBuffer line = ByteBuffer.wrap((kind + " " + editionId + " " + readerId + "\n").getBytes(StandardCharsets.US_ASCII));
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the send journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Starts the journal afresh: what it held is durable in the ledger now. */
    void clear() {
        try {
            channel.truncate(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the send journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** What this journal says so far, read through the owner's own handle (so its lock holds). */
    Map<Delivery, Boolean> accepted() {
        try {
            ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(channel.size()));
            while (all.hasRemaining() && channel.read(all, all.position()) > 0) {
                // read until the buffer is full
            }
            Map<Delivery, Boolean> accepted = new LinkedHashMap<>();
            parse(new String(all.array(), 0, all.position(), StandardCharsets.US_ASCII), accepted);
            return accepted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the send journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes and closes the journal: only once the ledger holds durably what it recorded. Deleted
     * while still locked, so that no other sender ever finds it unlocked and takes it for a dead one's.
     */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the send journal " + file + ": " + e.getMessage(), e);
        } finally {
            release();
        }
    }

    /** Closes the journal and leaves it for the next sender to replay (the ledger could not be made durable). */
    void keep() {
        release();
    }

    private void release() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        } finally {
            OPEN.remove(file);
            try {
                channel.close();
            } catch (IOException e) {
                // the process keeps running: a handle the system will reclaim
            }
        }
    }

    /** What a dead process's journals say: per edition and reader, whether its message was accepted. */
    record Orphan(String processId, Map<Delivery, Boolean> accepted, List<Path> files) {

        /** Deletes the journals, once the ledger holds what they said. */
        void delete() {
            for (Path f : files) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete the send journal " + f + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** One reader's copy of one edition. */
    record Delivery(long editionId, long readerId) {
    }

    /**
     * The journals in {@code dir} left by processes that died, grouped by process. A process is
     * dead when none of its journals is locked: one whose journal was kept after a failure while
     * its other connections still send is alive, and its work is not taken back. A journal deleted
     * while this looks (its owner finished, or another sender replayed it) is simply gone.
     */
    static List<Orphan> orphans(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Map<String, List<Path>> byProcess = new LinkedHashMap<>();
        try (DirectoryStream<Path> journals = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : journals) {
                String name = f.getFileName().toString();
                byProcess.computeIfAbsent(name.substring(0, name.indexOf('.')), k -> new ArrayList<>()).add(f.toAbsolutePath());
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the send journals in " + dir + ": " + e.getMessage(), e);
        }
        List<Orphan> result = new ArrayList<>();
        for (Map.Entry<String, List<Path>> process : byProcess.entrySet()) {
            try {
                if (process.getValue().stream().anyMatch(OPEN::contains) || !allUnlocked(process.getValue())) {
                    continue;
                }
                Map<Delivery, Boolean> accepted = new LinkedHashMap<>();
                for (Path file : process.getValue()) {
                    parse(Files.readString(file, StandardCharsets.US_ASCII), accepted);
                }
                result.add(new Orphan(process.getKey(), accepted, process.getValue()));
            } catch (NoSuchFileException e) {
                // gone while we looked: replayed by another sender, or finished by its owner
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the send journals in " + dir + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    private static boolean allUnlocked(List<Path> files) throws IOException {
        for (Path file : files) {
            if (!ownerIsGone(file)) {
                return false;
            }
        }
        return true;
    }

    /** Whether nobody holds the file's lock: its process is gone. */
    private static boolean ownerIsGone(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    /**
     * Adds what the lines say: a message accepted on any connection stays accepted (a reader whose
     * first attempt was released may be sent on another connection). Only whole lines count: a last
     * line without its end (a power loss mid-write) is ignored.
     */
    private static void parse(String text, Map<Delivery, Boolean> accepted) {
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return;
        }
        for (String line : text.substring(0, end).split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length != 3 || !(parts[0].equals("S") || parts[0].equals("D"))) {
                continue;
            }
            try {
                accepted.merge(new Delivery(Long.parseLong(parts[1]), Long.parseLong(parts[2])), parts[0].equals("D"), Boolean::logicalOr);
            } catch (NumberFormatException e) {
                // a damaged line: ignored
            }
        }
    }
}
