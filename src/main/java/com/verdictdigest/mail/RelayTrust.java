package com.verdictdigest.mail;

import com.verdictdigest.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whom a TLS connection to the relay trusts: the system's certificate authorities, or only those in
 * {@code smtp.ca-file} (a relay inside the company, signed by its own authority). The relay's name
 * is checked against its certificate either way (RFC 6125).
 */
final class RelayTrust {
    private RelayTrust() {
    }

    /** @param caFile PEM certificates to trust instead of the system's, or empty for the system's */
    static SSLSocketFactory socketFactory(String caFile) {
        if (caFile.isEmpty()) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        Path file = Path.of(caFile);
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new ConfigException("config: smtp.ca-file = '" + file + "' holds no PEM certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate c : certificates) {
                trusted.setCertificateEntry("ca-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("config: smtp.ca-file = '" + file + "' cannot be read as PEM certificates: " + e);
        }
    }
}
