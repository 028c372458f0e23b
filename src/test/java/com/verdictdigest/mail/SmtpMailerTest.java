package com.verdictdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.testing.SenderFixture;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpMailerTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void linesStartingWithAPeriodArriveIntactAndTheConnectionCarriesOnAfterThem() throws Exception {
        String body = ".hidden line\r\n.\r\nafter the lone period\r\n..two periods\r\n";
        try (Mailer.Session session = SenderFixture.smtp(greenMail.getSmtp().getPort()).open()) {
            session.send(message("first@example.com", body));
            session.send(message("second@example.com", "the second message on the same connection\r\n"));
        }

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(GreenMailUtil.getBody(received[0]).replace("\r\n", "\n")).isEqualTo(body.replace("\r\n", "\n").stripTrailing());
        assertThat(received[1].getAllRecipients()[0].toString()).isEqualTo("second@example.com");
        assertThat(GreenMailUtil.getBody(received[1])).contains("the second message on the same connection");
    }

    @Test
    void aRelayThatStopsReadingMidMessageBreaksTheConnectionAfterTheTimeout() throws Exception {
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> stopReadingAfterData(relay));
            server.setDaemon(true);
            server.start();
            SmtpMailer mailer = new SmtpMailer(SmtpConfig.plain("127.0.0.1", relay.getLocalPort(),
                    Duration.ofSeconds(2), Duration.ofSeconds(1)));
            // Far more than the socket buffers hold: the write blocks once the relay stops reading.
            String body = ("x".repeat(70) + "\r\n").repeat(500_000);

            long start = System.nanoTime();
            SendFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(SendFailure.class, () -> {
                try (Mailer.Session session = mailer.open()) {
                    session.send(message("stuck@example.com", body));
                }
            }));

            assertThat(failure.kind()).isEqualTo(SendFailure.Kind.CONNECTION);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    /** A relay that accepts everything up to DATA, answers 354, then never reads again. */
    private static void stopReadingAfterData(ServerSocket relay) {
        try (Socket client = relay.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
            out.write("220 stuck.example ESMTP\r\n");
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String reply = line.startsWith("DATA") ? "354 go ahead" : "250 ok";
                out.write(reply + "\r\n");
                out.flush();
                if (line.startsWith("DATA")) {
                    Thread.sleep(20_000);
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    private static OutgoingMessage message(String to, String body) {
        String data = "From: digest@verdicts.example\r\nTo: " + to + "\r\nSubject: dots\r\nMessage-ID: <" + to + ">\r\n"
                + "Content-Type: text/plain; charset=US-ASCII\r\n\r\n" + body;
        return new OutgoingMessage("digest@verdicts.example", to, to, data.getBytes(StandardCharsets.US_ASCII));
    }
}
