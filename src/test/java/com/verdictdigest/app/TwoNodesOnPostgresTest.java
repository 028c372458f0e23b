package com.verdictdigest.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.editions.EditionStatus;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.ChildProcess;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.Inbox;
import com.verdictdigest.testing.OnPostgres;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.TestDatabase;
import com.verdictdigest.week.IsoWeek;
import jakarta.mail.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code serve} processes (separate JVMs) on one PostgreSQL database, driven through their
 * admin APIs as an operator would: a trigger on either node is shared by both, a pause and a
 * resume from either take effect on both, and when one node is killed with SIGKILL mid-send the
 * other finishes the edition once the dead node's lease runs out.
 */
@OnPostgres
class TwoNodesOnPostgresTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");
    private static final String TOKEN = "two-nodes-admin-token-0123456789";
    private static final int READERS = 600;
    private static final Pattern PORT = Pattern.compile("Reader pages: http://127\\.0\\.0\\.1:(\\d+)/");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    private final List<Process> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private SenderFixture fx;

    @AfterEach
    void tearDown() throws Exception {
        for (Process node : nodes) {
            node.destroy();
            if (!node.waitFor(20, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        if (fx != null) {
            fx.close();
        }
    }

    /** The readers, then nodes a and b on their database; returns their admin APIs' base addresses. */
    private String[] twoNodesWithReaders() throws Exception {
        fx = new SenderFixture(dir.resolve("db"));
        fx.readers(READERS, "r", SubscriberStatus.ACTIVE);
        return new String[] {node("a"), node("b")};
    }

    /** Starts a node; returns its admin API's base address once it listens. */
    private String node(String name) throws Exception {
        Map<String, String> env = new HashMap<>(TestDatabase.settings(dir.resolve("db")));
        env.put("VERDICTS_DATA_DIR", dir.resolve(name).toString());
        env.put("VERDICTS_LINKS_SECRET", new String(DigestFixture.SECRET, StandardCharsets.UTF_8));
        env.put("VERDICTS_ADMIN_TOKEN", TOKEN);
        env.put("VERDICTS_SITE_BASE_URL", DigestFixture.BASE.toString());
        env.put("VERDICTS_HTTP_PORT", "0");
        env.put("VERDICTS_SMTP_HOST", "127.0.0.1");
        env.put("VERDICTS_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
        env.put("VERDICTS_SMTP_TLS", "none");
        env.put("VERDICTS_MAIL_FROM", SenderFixture.MAIL.from());
        env.put("VERDICTS_SEND_CONNECTIONS", "2");
        env.put("VERDICTS_SEND_RATE", "40");
        env.put("VERDICTS_SEND_LEASE_SECONDS", "3");
        Files.createDirectories(dir.resolve(name));
        Path log = dir.resolve(name + ".log");
        nodes.add(ChildProcess.start(log, env, "serve"));
        String[] base = new String[1];
        Poll.until(() -> {
            Matcher m = PORT.matcher(logOf(log));
            if (m.find()) {
                base[0] = "http://127.0.0.1:" + m.group(1);
            }
            return base[0] != null;
        }, Duration.ofSeconds(60));
        assertThat(base[0]).as("node %s started: %s", name, logOf(log)).isNotNull();
        return base[0];
    }

    private static String logOf(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private int post(String base, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private EditionStatus status() {
        return fx.editions.find(W48).orElseThrow().status();
    }

    /** Message-IDs received per recipient. */
    private Map<String, List<String>> received() throws Exception {
        return Inbox.messageIdsByRecipient(greenMail.getReceivedMessages());
    }

    /** How many sending processes have recorded sends of the edition. */
    private int processesThatSent() {
        try (Connection con = fx.digest.db.connection(); Statement st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(DISTINCT claimed_by) FROM delivery WHERE status = 'sent'")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoNodesShareATriggerAPauseAndAResumeAndOneFinishesWhatAKilledNodeLeft() throws Exception {
        String[] admins = twoNodesWithReaders();
        String a = admins[0];
        String b = admins[1];

        // A trigger on either node: both send the one edition.
        assertThat(post(a, "/admin/api/editions", "{\"week\": \"2026-W48\"}")).isEqualTo(202);
        Poll.until(() -> greenMail.getReceivedMessages().length >= 20, Duration.ofSeconds(30));
        assertThat(post(b, "/admin/api/editions", "{\"week\": \"2026-W48\"}")).isEqualTo(202);
        Poll.until(() -> processesThatSent() >= 2, Duration.ofSeconds(30));
        assertThat(processesThatSent()).as("both nodes sent part of the edition").isGreaterThanOrEqualTo(2);

        // A pause from b stops both; a resume from a goes on.
        assertThat(post(b, "/admin/api/editions/2026-W48/pause", "")).isEqualTo(200);
        assertThat(post(a, "/admin/api/editions/2026-W48/pause", "")).as("already paused, seen from a").isEqualTo(409);
        assertThat(status()).isEqualTo(EditionStatus.PAUSED);
        Thread.sleep(1_000); // a message already in the relay's hands is let finish
        int atPause = greenMail.getReceivedMessages().length;
        Thread.sleep(2_000);
        assertThat(greenMail.getReceivedMessages().length).as("nothing sent by either node while paused").isEqualTo(atPause);
        assertThat(post(a, "/admin/api/editions/2026-W48/resume", "")).isEqualTo(200);
        assertThat(post(b, "/admin/api/editions", "{\"week\": \"2026-W48\"}")).isEqualTo(202);
        Poll.until(() -> greenMail.getReceivedMessages().length >= atPause + 40, Duration.ofSeconds(30));

        // kill -9 of a mid-send: b finishes once a's lease has run out.
        Process killed = nodes.get(0);
        killed.destroyForcibly();
        assertThat(killed.waitFor(20, TimeUnit.SECONDS)).isTrue();
        int atKill = greenMail.getReceivedMessages().length;
        Poll.until(() -> status() == EditionStatus.SENT, Duration.ofSeconds(90));

        Map<String, List<String>> received = received();
        Map<String, List<String>> twice = Inbox.twice(received);
        System.out.printf("two nodes on PostgreSQL: a killed after %d of %d messages; %d readers got two copies; %s%n",
                atKill, READERS, twice.size(), fx.ledger.counts(fx.editions.find(W48).orElseThrow().id()));
        assertThat(atKill).as("the kill came mid-send").isLessThan(READERS);
        assertThat(received).as("no reader missed").hasSize(READERS);
        assertThat(twice.size()).as("at most one reader twice per connection of the killed node").isLessThanOrEqualTo(2);
        twice.values().forEach(ids -> assertThat(new HashSet<>(ids)).as("resent with the same Message-ID").hasSize(1));
        assertThat(fx.ledger.counts(fx.editions.find(W48).orElseThrow().id()).sent()).isEqualTo(READERS);
    }

    @Test
    void aCancelFromOneNodeStopsTheOtherMidSend() throws Exception {
        String[] admins = twoNodesWithReaders();
        String a = admins[0];
        String b = admins[1];
        assertThat(post(a, "/admin/api/editions", "{\"week\": \"2026-W48\"}")).isEqualTo(202);
        Poll.until(() -> greenMail.getReceivedMessages().length >= 20, Duration.ofSeconds(30));

        assertThat(post(b, "/admin/api/editions/2026-W48/cancel", "")).isEqualTo(200);
        assertThat(status()).isEqualTo(EditionStatus.CANCELLED);
        Thread.sleep(1_000); // a message already in the relay's hands is let finish
        int atCancel = greenMail.getReceivedMessages().length;
        Thread.sleep(2_000);
        assertThat(greenMail.getReceivedMessages().length).as("a stopped sending at b's cancel").isEqualTo(atCancel);
        assertThat(atCancel).isLessThan(READERS);
        assertThat(post(a, "/admin/api/editions", "{\"week\": \"2026-W48\"}")).as("cancelled is final, on a too").isEqualTo(409);
    }
}
