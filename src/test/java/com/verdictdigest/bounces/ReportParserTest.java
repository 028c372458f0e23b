package com.verdictdigest.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reports as the servers and providers of the fixtures in {@code /bounces} write them (see its
 * README), read as {@code expected.tsv} says they should be.
 */
class ReportParserTest {
    private static final ReportParser PARSER = new ReportParser(BounceReasons.standard(), "bounces@verdicts.example",
            "verdicts.example", Set.of("verdicts.example"));

    /** One expected finding: kind, recipient, class and status, "-" for none. */
    record Expected(String kind, String recipient, String bounceClass, String status) {
        static Expected of(Finding f) {
            return new Expected(f.kind().word(), dash(f.recipient()), f.bounceClass() == null ? "-" : f.bounceClass().word(),
                    dash(f.status()));
        }

        private static String dash(String s) {
            return s == null ? "-" : s;
        }
    }

    static Map<String, List<Expected>> expectations() throws IOException {
        Map<String, List<Expected>> byFile = new LinkedHashMap<>();
        String table = new String(resource("expected.tsv"), StandardCharsets.UTF_8);
        table.lines().skip(1).filter(l -> !l.isBlank()).forEach(line -> {
            String[] c = line.split("\t");
            byFile.computeIfAbsent(c[0], k -> new ArrayList<>()).add(new Expected(c[1], c[2], c[3], c[4]));
        });
        return byFile;
    }

    static Stream<String> fixtures() throws IOException {
        return expectations().keySet().stream();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ReportParserTest.class.getResourceAsStream("/bounces/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureIsReadAsExpected(String file) throws IOException {
        ParsedReport report = PARSER.parse(resource(file));

        assertThat(report.findings()).extracting(Expected::of).containsExactlyInAnyOrderElementsOf(expectations().get(file));
    }

    @Test
    void autoRepliesAreNeverBounces() throws IOException {
        for (Map.Entry<String, List<Expected>> e : expectations().entrySet()) {
            if (e.getValue().stream().anyMatch(x -> x.kind().equals("auto-reply"))) {
                assertThat(PARSER.parse(resource(e.getKey())).findings()).as(e.getKey())
                        .allSatisfy(f -> assertThat(f.kind()).isEqualTo(ReportKind.AUTO_REPLY));
            }
        }
    }

    @Test
    void ourMessageIdAndSignedReturnPathAreFoundWhereverTheReportQuotesThem() {
        String report = "From: MAILER-DAEMON@mx.example.net\r\nTo: bounces+0123456789abcdef0123456789abcd@verdicts.example\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
                + "Final-Recipient: rfc822; a@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
                + "--b\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + java.util.Base64.getMimeEncoder().encodeToString(
                        "Message-ID: <digest-2026-W48-17-0123456789abcdef@verdicts.example>\r\nSubject: x\r\n\r\nbody\r\n"
                                .getBytes(StandardCharsets.US_ASCII))
                + "\r\n--b--\r\n";

        ParsedReport parsed = PARSER.parse(report.getBytes(StandardCharsets.US_ASCII));

        assertThat(parsed.returnPaths()).containsExactly("bounces+0123456789abcdef0123456789abcd@verdicts.example");
        assertThat(parsed.messageIds()).as("inside a base64 original").containsExactly("digest-2026-W48-17-0123456789abcdef@verdicts.example");
    }

    @Test
    void aFromThatIsNotRfc5322StillGivesItsAddress() {
        byte[] m = "From: <b>Postmaster</b> <postmaster@example.net>\r\nSubject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(PARSER.parse(m).from()).isEqualTo("postmaster@example.net");
    }

    @Test
    void hostileReportsCannotMakeThePatternsBacktrackForLong() {
        String daemon = "From: MAILER-DAEMON@mx.example.net\r\nSubject: Undelivered Mail Returned to Sender\r\n";
        String dsnPart = "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx\r\n\r\n"
                + "Final-Recipient: rfc822; a@example.com\r\nAction: failed\r\nStatus: 5.7.1\r\nDiagnostic-Code: smtp; "
                + "ip ".repeat(20_000) + "\r\n";
        List<String> hostile = List.of(
                daemon + "To: " + "a".repeat(128_000) + "\r\n\r\nx\r\n",
                daemon + "Content-Type: multipart/report; boundary=b\r\n\r\n" + dsnPart.repeat(8) + "--b--\r\n",
                daemon + "\r\n" + "a".repeat(32_000) + "\r\n",
                daemon + "\r\n" + "spf ".repeat(8_000) + "\r\n",
                daemon + "\r\n" + "-".repeat(62_000) + "\r\n" + ">".repeat(62_000) + "\r\n",
                "From: x@example.org\r\nSubject: message you sent " + "x ".repeat(64_000) + "\r\n\r\nx\r\n");

        for (String message : hostile) {
            long start = System.nanoTime();
            PARSER.parse(message.getBytes(StandardCharsets.US_ASCII));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no catastrophic backtracking").isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void whateverAMessageHoldsReadingItNeverFailsAndIsCapped() {
        byte[] huge = new byte[8 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        byte[] headerOnly = "Subject: x".getBytes(StandardCharsets.US_ASCII);
        byte[] nested = ("Content-Type: multipart/mixed; boundary=a\r\n\r\n" + "--a\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n".repeat(5000))
                .getBytes(StandardCharsets.US_ASCII);

        for (byte[] message : List.of(new byte[0], headerOnly, huge, nested, new byte[]{0, (byte) 0xff, '\r', '\n', '\r', '\n'})) {
            long start = System.nanoTime();
            ParsedReport parsed = PARSER.parse(message);
            assertThat(parsed.kind()).isEqualTo(ReportKind.UNRECOGNIZED);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("read only up to the cap").isLessThan(Duration.ofSeconds(5));
        }
    }
}
