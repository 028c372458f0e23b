package com.verdictdigest.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages out of files: an mbox read line by line. */
class ReportFilesTest {
    @TempDir
    Path dir;

    private List<ReportFiles.Message> read(Path path) throws Exception {
        List<ReportFiles.Message> messages = new ArrayList<>();
        ReportFiles.each(path, messages::add);
        return messages;
    }

    private static String text(ReportFiles.Message m) {
        return new String(m.bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void anMboxWithCrlfLinesIsSplitAtFromLinesAfterAnEmptyLineAndUnquoted() throws Exception {
        Path mbox = dir.resolve("a.mbox");
        Files.writeString(mbox, "From a@example.org Mon Nov 23 09:00:01 2026\r\nSubject: one\r\n\r\n>From here\r\n>>From there\r\n"
                + "From inside a line is text\r\n\r\nFrom b@example.org Mon Nov 23 09:00:02 2026\r\nSubject: two\r\n\r\nbody\r\n"
                + "\r\nFrom c@example.org Mon Nov 23 09:00:03 2026\r\n");

        List<ReportFiles.Message> messages = read(mbox);

        assertThat(messages).extracting(ReportFiles.Message::name).containsExactly(mbox + "#1", mbox + "#2");
        assertThat(text(messages.get(0))).isEqualTo("Subject: one\r\n\r\nFrom here\r\n>From there\r\nFrom inside a line is text\r\n\r\n");
        assertThat(text(messages.get(1))).isEqualTo("Subject: two\r\n\r\nbody\r\n\r\n");
    }

    @Test
    void aMessageOverTheCapKeepsItsStartAndNothingAfterTheCap() throws Exception {
        Path mbox = dir.resolve("big.mbox");
        String line = "x".repeat(1023) + "\n";
        StringBuilder big = new StringBuilder("From a@example.org Mon Nov 23 09:00:01 2026\nSubject: big\n\n");
        big.append(line.repeat(ReportFiles.MAX_MESSAGE_BYTES / 1024 + 10)).append("TAIL\n\nFrom b@example.org Mon\nSubject: next\n");
        Files.writeString(mbox, big);

        List<ReportFiles.Message> messages = read(mbox);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).bytes().length).isLessThanOrEqualTo(ReportFiles.MAX_MESSAGE_BYTES);
        assertThat(text(messages.get(0))).startsWith("Subject: big\n").doesNotContain("TAIL");
        assertThat(text(messages.get(1))).isEqualTo("Subject: next\n");
    }

    @Test
    void aLineLongerThanAPieceIsNotTakenForAnEmptyLine() throws Exception {
        Path mbox = dir.resolve("long.mbox");
        Files.writeString(mbox, "From a@example.org Mon\nSubject: long\n\n" + "y".repeat(64 * 1024 - 1) + "\n"
                + "From this line is text, not a new message\n");

        List<ReportFiles.Message> messages = read(mbox);

        assertThat(messages).singleElement().satisfies(m -> assertThat(text(m)).endsWith("From this line is text, not a new message\n"));
    }
}
