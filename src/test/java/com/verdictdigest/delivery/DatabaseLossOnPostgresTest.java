package com.verdictdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.editions.EditionStatus;
import com.verdictdigest.store.StoreConfig;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.ChildProcess;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.FreePort;
import com.verdictdigest.testing.Inbox;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.ServiceFixture;
import com.verdictdigest.week.IsoWeek;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL server goes away in the middle of a send (its own server, stopped and started
 * again on the same port and files): the sender stops with one line, and the next send, once the
 * database is back, finishes the edition with nobody missed and nobody mailed twice beyond the bound.
 */
class DatabaseLossOnPostgresTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");
    private static final int READERS = 500;

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    private EmbeddedPostgres server;
    private int port;

    private void startServer() throws Exception {
        server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dir.resolve("pgdata"))
                .setCleanDataDirectory(false).setServerConfig("listen_addresses", "127.0.0.1").start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Map<String, String> env(String url) {
        Map<String, String> env = new HashMap<>();
        env.put("VERDICTS_DB_URL", url);
        env.put("VERDICTS_DB_USER", "postgres");
        env.put("VERDICTS_DB_PASSWORD", "postgres");
        env.put("VERDICTS_DB_CONNECT_TIMEOUT_SECONDS", "2");
        env.put("VERDICTS_DATA_DIR", dir.resolve("data").toString());
        env.put("VERDICTS_LINKS_SECRET", new String(DigestFixture.SECRET, StandardCharsets.UTF_8));
        env.put("VERDICTS_SITE_BASE_URL", DigestFixture.BASE.toString());
        env.put("VERDICTS_SMTP_HOST", "127.0.0.1");
        env.put("VERDICTS_SMTP_PORT", String.valueOf(greenMail.getSmtp().getPort()));
        env.put("VERDICTS_SMTP_TLS", "none");
        env.put("VERDICTS_MAIL_FROM", SenderFixture.MAIL.from());
        env.put("VERDICTS_SEND_CONNECTIONS", "2");
        env.put("VERDICTS_SEND_RATE", "100");
        env.put("VERDICTS_SEND_LEASE_SECONDS", "2");
        return env;
    }

    /** Message-IDs received per recipient. */
    private Map<String, List<String>> received() throws Exception {
        return Inbox.messageIdsByRecipient(greenMail.getReceivedMessages());
    }

    @Test
    void aSendThatLosesItsDatabaseStopsWithOneLineAndTheNextFinishesTheEdition() throws Exception {
        port = FreePort.pick();
        startServer();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (SenderFixture fx = new SenderFixture(dir.resolve("db"), new StoreConfig(url, "postgres", "postgres"))) {
            fx.readers(READERS, "r", SubscriberStatus.ACTIVE);
        }

        Path firstLog = dir.resolve("first.log");
        Process first = ChildProcess.start(firstLog, env(url), "digest", "send", "--week", "2026-W48");
        Poll.until(() -> greenMail.getReceivedMessages().length >= 100, Duration.ofSeconds(60));
        server.close();
        server = null;
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the sender stops when its database goes away").isTrue();
        int atLoss = greenMail.getReceivedMessages().length;
        String output = Files.readString(firstLog);
        assertThat(first.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("sending 2026-W48 stopped after", "the database is unreachable",
                "the next send resumes the edition once the database is back");
        assertThat(output.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by"))).as("no stack trace in:%n%s", output).isEmpty();

        startServer();
        Path secondLog = dir.resolve("second.log");
        Process second = ChildProcess.start(secondLog, env(url), "digest", "send", "--week", "2026-W48");
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(secondLog)).isZero();

        Map<String, List<String>> received = received();
        Map<String, List<String>> twice = Inbox.twice(received);
        System.out.printf("database lost after %d of %d messages: %d readers got two copies%n", atLoss, READERS, twice.size());
        assertThat(atLoss).as("the loss came mid-send").isLessThan(READERS);
        assertThat(received).as("no reader missed").hasSize(READERS);
        assertThat(twice.size()).as("at most one reader twice per sending connection").isLessThanOrEqualTo(2);
        twice.values().forEach(ids -> assertThat(new HashSet<>(ids)).as("resent with the same Message-ID").hasSize(1));
        try (SenderFixture fx = new SenderFixture(dir.resolve("db"), new StoreConfig(url, "postgres", "postgres"))) {
            assertThat(fx.editions.find(W48).orElseThrow().status()).isEqualTo(EditionStatus.SENT);
        }
    }

    @Test
    void serveResumesTheEditionByItselfOnceItsDatabaseIsBack() throws Exception {
        port = FreePort.pick();
        startServer();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (ServiceFixture node = new ServiceFixture(dir.resolve("node"), READERS, 100, env(url), Clock.systemUTC())) {
            assertThat(node.service.control().trigger(W48)).isEqualTo(EditionControl.Triggered.STARTED);
            Poll.until(() -> greenMail.getReceivedMessages().length >= 100, Duration.ofSeconds(60));
            server.close();
            server = null;
            Thread.sleep(3_000);
            int whileAway = greenMail.getReceivedMessages().length;
            Thread.sleep(2_000);
            assertThat(greenMail.getReceivedMessages().length).as("nothing sent while the database is away").isEqualTo(whileAway);

            startServer();
            Poll.until(() -> greenMail.getReceivedMessages().length >= READERS && !node.service.control().isBusy(),
                    Duration.ofSeconds(120));
            assertThat(node.app.editions().find(W48).orElseThrow().status()).isEqualTo(EditionStatus.SENT);
        }
        Map<String, List<String>> received = received();
        Map<String, List<String>> twice = Inbox.twice(received);
        System.out.printf("serve lost its database mid-send and resumed: %d readers got two copies%n", twice.size());
        assertThat(received).as("no reader missed").hasSize(READERS);
        assertThat(twice.size()).as("at most one reader twice per sending connection").isLessThanOrEqualTo(2);
    }
}
