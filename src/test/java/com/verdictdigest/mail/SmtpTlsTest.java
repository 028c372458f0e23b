package com.verdictdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.testing.ScriptedSmtpServer;
import com.verdictdigest.testing.TestCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a real relay on port 465 or 587 needs: implicit TLS and authentication (GreenMail's SMTPS
 * server), STARTTLS (RFC 3207, a scripted relay: GreenMail does not offer it), and the relay's
 * certificate checked: trusted and naming the host connected to.
 */
class SmtpTlsTest {
    private static final String USER = "relay-user";
    private static final String PASSWORD = "relay-password-7f3a";
    private static TestCertificate relay;
    private static TestCertificate stranger;

    /** GreenMail's SMTPS server, with the key store set in {@link #certificates()} (read when TLS first starts). */
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));

    @BeforeAll
    static void certificates() throws Exception {
        Path dir = Files.createTempDirectory("relay-certificates");
        relay = TestCertificate.make(dir, "relay", "ip:127.0.0.1,dns:localhost");
        stranger = TestCertificate.make(dir, "stranger", "dns:other.example");
        System.setProperty("greenmail.tls.keystore.file", relay.keyStore().toString());
        System.setProperty("greenmail.tls.keystore.password", TestCertificate.PASSWORD);
        System.setProperty("greenmail.tls.key.password", TestCertificate.PASSWORD);
    }

    private static OutgoingMessage message() {
        return new OutgoingMessage("digest@verdicts.example", "reader@example.com", "tls-1@verdicts.example",
                ("From: digest@verdicts.example\r\nTo: reader@example.com\r\nSubject: over TLS\r\n"
                        + "Message-ID: <tls-1@verdicts.example>\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void send(SmtpConfig config) throws SendFailure {
        try (SmtpMailer mailer = new SmtpMailer(config); Mailer.Session session = mailer.open()) {
            session.send(message());
        }
    }

    private static SmtpConfig config(int port, String tls, String user, String password, TestCertificate trusted) {
        return new SmtpConfig("127.0.0.1", port, user, password, tls, trusted.pem().toString(),
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void implicitTlsWithAuthenticationDelivers() throws Exception {
        send(config(greenMail.getSmtps().getPort(), "tls", USER, PASSWORD, relay));

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("over TLS");
    }

    @Test
    void aWrongPasswordIsRefusedAndTheErrorDoesNotCarryIt() {
        assertThatThrownBy(() -> send(config(greenMail.getSmtps().getPort(), "tls", USER, "wrong-password-1234", relay)))
                .isInstanceOf(SendFailure.class)
                .hasMessageContaining("cannot connect")
                .hasMessageNotContaining("wrong-password-1234");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void startTlsUpgradesTheConnectionBeforeTheMessageGoesOut() throws Exception {
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(relay.serverContext())) {
            send(config(server.port(), "starttls", "", "", relay));

            assertThat(server.deliveredOverTls()).containsExactly("reader@example.com");
        }
    }

    @Test
    void aRelayThatDoesNotOfferStartTlsGetsNothing() throws Exception {
        try (ScriptedSmtpServer plain = new ScriptedSmtpServer()) {
            assertThatThrownBy(() -> send(config(plain.port(), "starttls", "", "", relay))).isInstanceOf(SendFailure.class);

            assertThat(plain.delivered()).isEmpty();
        }
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenWhenTrusted() throws Exception {
        try (ScriptedSmtpServer impostor = new ScriptedSmtpServer(stranger.serverContext())) {
            assertThatThrownBy(() -> send(config(impostor.port(), "starttls", "", "", stranger))).isInstanceOf(SendFailure.class);

            assertThat(impostor.delivered()).isEmpty();
        }
    }

    @Test
    void aCertificateNobodyVouchesForIsRefused() throws Exception {
        try (ScriptedSmtpServer untrusted = new ScriptedSmtpServer(relay.serverContext())) {
            assertThatThrownBy(() -> send(config(untrusted.port(), "starttls", "", "", stranger))).isInstanceOf(SendFailure.class);

            assertThat(untrusted.delivered()).isEmpty();
        }
    }
}
