package com.verdictdigest.bounces;

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
        byte[] bytes = read(path);
        if (startsWith(bytes, 0, "From ")) {
            mbox(path.toString(), bytes, reader);
        } else {
            reader.read(new Message(path.toString(), bytes));
        }
    }

    private static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(MAX_MESSAGE_BYTES);
        }
    }

    private static void mbox(String name, byte[] bytes, Reader reader) {
        int n = 0;
        int start = -1;
        int line = 0;
        while (line < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', line);
            int next = end < 0 ? bytes.length : end + 1;
            if (startsWith(bytes, line, "From ") && (line == 0 || (line >= 2 && bytes[line - 2] == '\n') || (line >= 3
                    && bytes[line - 2] == '\r' && bytes[line - 3] == '\n'))) {
                if (start >= 0) {
                    reader.read(new Message(name + "#" + ++n, unquote(Arrays.copyOfRange(bytes, start, line))));
                }
                start = next; // the message starts after its "From " line
            }
            line = next;
        }
        if (start >= 0 && start < bytes.length) {
            reader.read(new Message(name + "#" + ++n, unquote(Arrays.copyOfRange(bytes, start, bytes.length))));
        }
    }

    /** Undoes mboxrd quoting: a line ">From " (any number of ">") loses one ">". */
    private static byte[] unquote(byte[] message) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(message.length);
        int line = 0;
        while (line < message.length) {
            int end = indexOf(message, (byte) '\n', line);
            int next = end < 0 ? message.length : end + 1;
            int gt = line;
            while (gt < next && message[gt] == '>') {
                gt++;
            }
            int from = gt > line && startsWith(message, gt, "From ") ? line + 1 : line;
            out.write(message, from, next - from);
            line = next;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
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
