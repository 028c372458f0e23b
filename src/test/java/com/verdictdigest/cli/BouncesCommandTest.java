package com.verdictdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.Main;
import com.verdictdigest.testing.ChildProcess;
import com.verdictdigest.testing.FreePort;
import com.verdictdigest.testing.Reports;
import com.verdictdigest.testing.Reports.Recipient;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code verdicts bounces ...} as an operator and a mail server run it. */
class BouncesCommandTest {
    private static final String MAILBOX_PASSWORD = "imap-secret-91c2";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("VERDICTS_DATA_DIR", dir.resolve("data").toString());
        env.put("VERDICTS_MAIL_RETURN_PATH", "bounces@verdicts.example");
        env.put("VERDICTS_MAIL_RETURN_PATH_VERP", "true");
        env.put("VERDICTS_SMTP_HOST", "127.0.0.1");
        env.put("VERDICTS_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
        env.put("VERDICTS_SMTP_TLS", "none");
        env.put("VERDICTS_BOUNCES_MAILBOX", "imap://bounces@127.0.0.1:" + greenMail.getImap().getPort() + "/INBOX");
        env.put("VERDICTS_BOUNCES_PASSWORD", MAILBOX_PASSWORD);
        return env;
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, env(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private static byte[] bounce(String to, String reader, String status) {
        return Reports.dsn(to, List.of(Recipient.failed(reader, status, "550 " + status + " user unknown")), null, false);
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                lines.add(new ObjectMapper().readTree(line));
            }
        }
        return lines;
    }

    /** The whole loop: send through a relay, which later bounces some readers; the mailbox is read; the operator sees it. */
    @Test
    void aRelayBouncesSomeReadersAfterTheSendAndTheyAreMarkedBounced() throws Exception {
        assertThat(run("import").exit()).isZero();
        assertThat(run("subscribers", "add", "--active", "ann@example.com", "bob@example.com", "cat@example.com", "dan@example.com")
                .exit()).isZero();
        assertThat(run("digest", "send", "--week", "2026-W48").exit()).isZero();
        Map<String, String> returnPaths = new HashMap<>();
        Map<String, String> originals = new HashMap<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
            returnPaths.put(to, m.getHeader("Return-Path")[0].replaceAll("[<>]", ""));
            originals.put(to, Reports.headersOf(m));
        }
        assertThat(returnPaths).hasSize(4);

        // Later, the relay's reports arrive in the return path's mailbox.
        GreenMailUser bounces = greenMail.setUser("bounces@verdicts.example", "bounces", MAILBOX_PASSWORD);
        Session session = Session.getInstance(new Properties());
        for (byte[] report : List.of(
                Reports.dsn(returnPaths.get("ann@example.com"), List.of(Recipient.failed("ann@example.com", "5.1.1",
                        "550 5.1.1 The email account that you tried to reach does not exist")), originals.get("ann@example.com"), true),
                Reports.dsn(returnPaths.get("bob@example.com"), List.of(Recipient.failed("bob@example.com", "5.4.4",
                        "Host or domain name not found")), originals.get("bob@example.com"), true),
                Reports.complaint(returnPaths.get("cat@example.com"), originals.get("cat@example.com"), null),
                Reports.autoReply("dan@example.com", returnPaths.get("dan@example.com")))) {
            bounces.deliver(new MimeMessage(session, new ByteArrayInputStream(report)));
        }

        Result poll = run("bounces", "poll");
        assertThat(poll.exit()).as(poll.err()).isZero();
        assertThat(poll.out()).contains("Read 4 messages: 4 new, 0 read before");

        JsonNode list = new ObjectMapper().readTree(run("subscribers", "list", "--format", "json").out());
        Map<String, String> statusAndReason = new HashMap<>();
        list.forEach(r -> statusAndReason.put(r.get("email").asText(), r.get("status").asText() + "/" + r.get("reason").asText()));
        assertThat(statusAndReason).containsEntry("ann@example.com", "bounced/hard-bounce")
                .containsEntry("bob@example.com", "bounced/hard-bounce")
                .containsEntry("cat@example.com", "unsubscribed/complaint")
                .containsEntry("dan@example.com", "active/null");
        assertThat(run("subscribers", "list").out()).containsPattern("ann@example.com\\s+bounced\\s+hard-bounce\\s+\\d{4}-");

        JsonNode events = new ObjectMapper().readTree(run("events", "--edition", "2026-W48", "--format", "json").out());
        List<String> kinds = new ArrayList<>();
        events.get("events").forEach(e -> kinds.add(e.get("kind").asText() + " " + e.get("email").asText()));
        assertThat(kinds).contains("bounce ann@example.com", "bounce bob@example.com", "complaint cat@example.com");

        assertThat(run("subscribers", "reinstate", "bob@example.com").out()).contains("reinstated bob@example.com");
        Result refused = run("subscribers", "reinstate", "cat@example.com");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("not reinstated: cat@example.com is unsubscribed (complaint), not bounced");
    }

    @Test
    void readsMaildirMboxAndSingleFilesAsJsonLinesAndDryRunChangesNothing() throws Exception {
        run("subscribers", "add", "--active", "ann@example.com");
        Path maildir = dir.resolve("Maildir");
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));
        Files.createDirectories(maildir.resolve("tmp"));
        Files.write(maildir.resolve("new").resolve("1.eml"), bounce("bounces@verdicts.example", "x1@example.net", "5.1.1"));
        Files.write(maildir.resolve("cur").resolve("2.eml:2,S"), Reports.autoReply("y@example.net", "bounces@verdicts.example"));
        Path mbox = dir.resolve("bounces.mbox");
        String second = new String(bounce("bounces@verdicts.example", "x2@example.net", "4.2.2"), StandardCharsets.UTF_8)
                .replace("This is the mail system", ">From the mail system");
        Files.writeString(mbox, "From MAILER-DAEMON Mon Nov 23 09:00:01 2026\n"
                + new String(bounce("bounces@verdicts.example", "x3@example.net", "5.1.1"), StandardCharsets.UTF_8)
                + "\nFrom MAILER-DAEMON Mon Nov 23 09:00:02 2026\n" + second);
        Path single = dir.resolve("one.eml");
        Files.write(single, bounce("bounces@verdicts.example", "ann@example.com", "5.1.1"));

        Result r = run("bounces", "read", "--dry-run", "--format", "json", maildir.toString(), mbox.toString(), single.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = lines(r.out());
        assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l.fieldNames()).toIterable()
                .contains("file", "kind", "recipient", "class", "status", "diagnostic", "reader", "edition", "action"));
        assertThat(lines).extracting(l -> l.get("file").asText()).containsExactly(maildir.resolve("new/1.eml").toString(),
                maildir.resolve("cur/2.eml:2,S").toString(), mbox + "#1", mbox + "#2", single.toString());
        assertThat(lines).extracting(l -> l.get("kind").asText() + " " + l.get("recipient").asText() + " " + l.get("class").asText())
                .containsExactly("bounce x1@example.net hard", "auto-reply y@example.net null", "bounce x3@example.net hard",
                        "bounce x2@example.net soft", "bounce ann@example.com hard");
        assertThat(lines.get(3).get("diagnostic").asText()).contains("4.2.2");
        assertThat(r.err()).contains("Dry run, nothing changed: 5 messages");

        assertThat(run("subscribers", "list", "--status", "active").out()).contains("ann@example.com");
        Result again = run("bounces", "read", "--format", "json", single.toString());
        assertThat(lines(again.out()).get(0).get("action").asText()).as("not recorded by the dry run").isNotEqualTo("none: read before");
    }

    @Test
    void aMissingPathIsReportedAndTheOthersRead() throws Exception {
        Path single = dir.resolve("one.eml");
        Files.write(single, bounce("bounces@verdicts.example", "x@example.net", "5.1.1"));

        Result r = run("bounces", "read", dir.resolve("missing").toString(), single.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read " + dir.resolve("missing"));
        assertThat(r.out()).contains("x@example.net");
    }

    @Test
    void unrecognizedMessagesCanBeListedAndRead() throws Exception {
        Path human = dir.resolve("human.eml");
        Files.writeString(human, "From: fan@example.org\r\nTo: bounces@verdicts.example\r\nSubject: Thanks!\r\n\r\nGreat issue.\r\n");
        run("bounces", "read", human.toString());

        Result list = run("bounces", "unrecognized");
        assertThat(list.out()).contains("fan@example.org").contains("Thanks!").contains("1 unrecognized");
        String id = list.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(run("bounces", "unrecognized", "--show", id).out()).contains("Great issue.");
    }

    /** A mail server's pipe delivery: the message on standard input, and the exit code decides whether it retries. */
    @Test
    void pipeExitsZeroWhenReadAndTempFailWhenTheDatabaseIsDown() throws Exception {
        Map<String, String> env = env();
        assertThat(pipe(env, bounce("bounces@verdicts.example", "x@example.net", "5.1.1"))).isZero();

        env.put("VERDICTS_DB_URL", "jdbc:postgresql://127.0.0.1:" + FreePort.pick() + "/verdicts");
        env.put("VERDICTS_DB_CONNECT_TIMEOUT_SECONDS", "1");
        assertThat(pipe(env, bounce("bounces@verdicts.example", "x@example.net", "5.1.1"))).as("EX_TEMPFAIL: try again later")
                .isEqualTo(75);
        assertThat(Files.readString(dir.resolve("pipe.log"))).doesNotContain("\tat ");
    }

    private int pipe(Map<String, String> env, byte[] message) throws Exception {
        Process p = ChildProcess.start(dir.resolve("pipe.log"), env, "bounces", "read", "-");
        try (OutputStream in = p.getOutputStream()) {
            in.write(message);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
