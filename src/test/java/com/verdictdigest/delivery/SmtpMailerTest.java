package com.verdictdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.testing.SenderFixture;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
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

    private static OutgoingMessage message(String to, String body) {
        String data = "From: digest@verdicts.example\r\nTo: " + to + "\r\nSubject: dots\r\nMessage-ID: <" + to + ">\r\n"
                + "Content-Type: text/plain; charset=US-ASCII\r\n\r\n" + body;
        return new OutgoingMessage("digest@verdicts.example", to, to, data.getBytes(StandardCharsets.US_ASCII));
    }
}
