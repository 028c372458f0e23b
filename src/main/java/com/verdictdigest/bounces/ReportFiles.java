package com.verdictdigest.bounces;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;


/**
 * The messages in files: a message file, a maildir folder (its {@code new} and {@code cur}
 * messages), any other folder (each file one message), or an mbox file (messages after
 * "From " lines, RFC 4155; {@code >From } lines of the mboxrd form are unquoted).
 */
public final class ReportFiles {
    private static final byte[] FROM = "From ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** The most of one message read: past it, the rest is not a report's. */
    static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

    private ReportFiles() {
    }

    /** One message, and where it came from ({@code path}, or {@code path#n} for the n-th of an mbox). */
    public record Message(String name, byte[] bytes) {
    }

    /** What to do with each message of the files, in order. */
    public interface Reader {
        void read(Message message);
    }

    /**
     * Hands every message under {@code path} to {@code reader}.
     *
     * @throws IOException when the path cannot be read (the messages before it were handed over)
     */
    public static void each(Path path, Reader reader) throws IOException {
        if (Files.isDirectory(path)) {
            boolean maildir = Files.isDirectory(path.resolve("cur")) || Files.isDirectory(path.resolve("new"));
            List<Path> files = new ArrayList<>();
            for (Path dir : maildir ? List.of(path.resolve("new"), path.resolve("cur")) : List.of(path)) {
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> list = Files.list(dir)) {
                        list.filter(Files::isRegularFile).sorted().forEach(files::add);
                    }
                }
            }
            for (Path f : files) {
                reader.read(new Message(f.toString(), read(f)));
            }
            return;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            in.mark(5);
            boolean mbox = Arrays.equals(in.readNBytes(5), FROM);
            in.reset();
            if (mbox) {
                mbox(path.toString(), in, reader);
            } else {
                reader.read(new Message(path.toString(), in.readNBytes(MAX_MESSAGE_BYTES)));
            }
        }
    }

    private static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MAX_MESSAGE_BYTES);
        }
    }

    /**
     * The messages of an mbox, read line by line: each starts after a "From " line that opens the
     * file or follows an empty line, and each is kept up to {@link #MAX_MESSAGE_BYTES}, however long
     * the file.
     */
    private static void mbox(String name, InputStream in, Reader reader) throws IOException {
        ByteArrayOutputStream message = null;
        boolean full = false;
        int n = 0;
        boolean lineStart = true;
        boolean afterEmptyLine = true;
        byte[] piece;
        while ((piece = readPiece(in)) != null) {
            boolean endsLine = piece[piece.length - 1] == '\n';
            if (lineStart && afterEmptyLine && startsWith(piece, 0, "From ")) {
                n = deliver(name, n, message, reader);
                message = new ByteArrayOutputStream();
                full = false;
            } else if (message != null && !full) {
                int from = lineStart && quotedFrom(piece) ? 1 : 0; // mboxrd: ">From " was "From "
                full = message.size() + piece.length - from > MAX_MESSAGE_BYTES; // past the cap, nothing more of it
                if (!full) {
                    message.write(piece, from, piece.length - from);
                }
            }
            if (endsLine) {
                afterEmptyLine = lineStart && (piece.length == 1 || (piece.length == 2 && piece[0] == '\r'));
            }
            lineStart = endsLine;
        }
        deliver(name, n, message, reader);
    }

    /** Hands a message over unless it is empty; returns how many were. */
    private static int deliver(String name, int n, ByteArrayOutputStream message, Reader reader) {
        if (message == null || message.size() == 0) {
            return n;
        }
        reader.read(new Message(name + "#" + (n + 1), message.toByteArray()));
        return n + 1;
    }

    private static boolean quotedFrom(byte[] line) {
        int gt = 0;
        while (gt < line.length && line[gt] == '>') {
            gt++;
        }
        return gt > 0 && startsWith(line, gt, "From ");
    }

    /** A line with its end, or the next 64 KiB of a longer one; null at the end. */
    private static byte[] readPiece(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n' || line.size() >= 64 * 1024) {
                break;
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, int at, String prefix) {
        if (at + prefix.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
