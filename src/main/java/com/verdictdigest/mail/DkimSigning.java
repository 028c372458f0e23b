package com.verdictdigest.mail;

import com.verdictdigest.config.ConfigException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimException;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/**
 * DKIM-signs finished messages (RFC 6376, rsa-sha256, relaxed/relaxed) with utils-mail-dkim. The
 * signature covers the headers a receiver must be able to trust, among them List-Unsubscribe and
 * List-Unsubscribe-Post, which RFC 8058 section 4 requires to be signed for one-click unsubscribe.
 */
final class DkimSigning {
    private static final String[] SIGNED = {"From", "To", "Subject", "Date", "Message-ID", "Reply-To", "List-Id",
            "List-Unsubscribe", "List-Unsubscribe-Post", "Feedback-ID", "MIME-Version", "Content-Type"};

    private final ThreadLocal<DkimSigner> signers;
    private final Session session = Session.getInstance(new Properties());

    DkimSigning(MailConfig.DkimConfig config) {
        RSAPrivateKey key = readKey(config);
        this.signers = ThreadLocal.withInitial(() -> signer(config, key)); // DkimSigner is not thread-safe
        signer(config, key); // fail at start-up, not at the first message
    }

    private static DkimSigner signer(MailConfig.DkimConfig config, RSAPrivateKey key) {
        try {
            DkimSigner signer = new DkimSigner(config.domain(), config.selector(), key);
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            signer.setCheckDomainKey(false); // no DNS look-up from the sender
            for (String header : SIGNED) {
                signer.addHeaderToSign(header);
            }
            return signer;
        } catch (DkimException e) {
            throw new IllegalArgumentException("DKIM: " + e.getMessage(), e);
        }
    }

    private static RSAPrivateKey readKey(MailConfig.DkimConfig config) {
        try {
            String pem = Files.readString(config.privateKey(), StandardCharsets.US_ASCII);
            if (!pem.contains("BEGIN PRIVATE KEY")) {
                throw new ConfigException("config: mail.dkim.private-key = '" + config.privateKey()
                        + "' is not a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); convert it with "
                        + "'openssl pkcs8 -topk8 -nocrypt'");
            }
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new ConfigException("config: mail.dkim.private-key = '" + config.privateKey() + "' cannot be read: " + e);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new ConfigException("config: mail.dkim.private-key = '" + config.privateKey() + "' is not an RSA private key");
        }
    }

    OutgoingMessage sign(OutgoingMessage message) {
        try {
            MimeMessage parsed = new MimeMessage(session, new ByteArrayInputStream(message.data()));
            DkimMessage signed = new DkimMessage(parsed, signers.get());
            ByteArrayOutputStream out = new ByteArrayOutputStream(message.data().length + 1024);
            signed.writeTo(out);
            return new OutgoingMessage(message.envelopeFrom(), message.recipient(), message.messageId(), out.toByteArray());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("DKIM signing failed: " + e.getMessage(), e);
        }
    }
}
