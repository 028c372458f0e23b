package com.verdictdigest.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.week.IsoWeek;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Messages are DKIM-signed by our sender and checked by Apache James jDKIM, an independent verifier. */
class DkimTest {
    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dir;
    private SenderFixture fx;
    private KeyPair keys;
    private MailConfig mail;

    @BeforeEach
    void setUp() throws Exception {
        fx = new SenderFixture(dir.resolve("db"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        Path pem = dir.resolve("dkim.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        MailConfig base = SenderFixture.MAIL;
        mail = new MailConfig(base.from(), base.replyTo(), base.unsubscribeMailto(), base.listId(), true,
                new MailConfig.DkimConfig("verdicts.example", "mail2026", pem), base.secret());
        fx.readers(2, "reader", SubscriberStatus.ACTIVE);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private List<SignatureRecord> verify(byte[] message) throws Exception {
        String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            assertThat(selector.toString()).isEqualTo("mail2026");
            assertThat(domain.toString()).isEqualTo("verdicts.example");
            return List.of("v=DKIM1; k=rsa; p=" + publicKey);
        });
        return verifier.verify(new ByteArrayInputStream(message));
    }

    @Test
    void everyMessageIsSignedOverTheUnsubscribeHeaders() throws Exception {
        fx.sender(SenderFixture.smtp(greenMail.getSmtp().getPort()), SenderFixture.fast(1), mail).send(IsoWeek.parse("2026-W48"));

        assertThat(greenMail.getReceivedMessages()).hasSize(2);
        for (var received : greenMail.getReceivedMessages()) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            received.writeTo(raw);
            List<SignatureRecord> signatures = verify(raw.toByteArray());
            assertThat(signatures).hasSize(1);
            List<String> signed = signatures.get(0).getHeaders().stream().map(h -> h.toString().toLowerCase()).toList();
            assertThat(signed).contains("from", "subject", "list-unsubscribe", "list-unsubscribe-post");
            assertThat(signatures.get(0).getDToken().toString()).isEqualTo("verdicts.example");
        }
    }

    @Test
    void aChangedUnsubscribeAddressBreaksTheSignature() throws Exception {
        Path outbox = dir.resolve("outbox");
        fx.sender(new OutboxMailer(outbox), SenderFixture.fast(1), mail).send(IsoWeek.parse("2026-W48"));
        byte[] original;
        try (var files = Files.list(outbox)) {
            original = Files.readAllBytes(files.findFirst().orElseThrow());
        }
        assertThat(verify(original)).hasSize(1);

        String text = new String(original, java.nio.charset.StandardCharsets.US_ASCII);
        byte[] forged = text.replaceFirst("/u/[A-Za-z0-9_-]+", "/u/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            assertThat(verify(forged)).isNullOrEmpty();
        } catch (FailException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
