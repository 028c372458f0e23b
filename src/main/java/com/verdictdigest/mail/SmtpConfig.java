package com.verdictdigest.mail;

import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import java.time.Duration;

/**
 * How to reach the SMTP relay. An empty host means the outbox.
 *
 * @param caFile PEM certificates to trust for TLS instead of the system's; empty for the system's
 */
public record SmtpConfig(String host, int port, String username, String password, String tls, String caFile,
                         Duration connectTimeout, Duration readTimeout) {

    public static SmtpConfig from(Settings s) {
        return new SmtpConfig(s.get(Keys.SMTP_HOST), s.get(Keys.SMTP_PORT), s.get(Keys.SMTP_USERNAME),
                s.get(Keys.SMTP_PASSWORD), s.get(Keys.SMTP_TLS), s.get(Keys.SMTP_CA_FILE), s.get(Keys.SMTP_CONNECT_TIMEOUT),
                s.get(Keys.SMTP_READ_TIMEOUT));
    }

    /** A plain connection to a relay on this machine, as tests and benchmarks use. */
    public static SmtpConfig plain(String host, int port, Duration connectTimeout, Duration readTimeout) {
        return new SmtpConfig(host, port, "", "", "none", "", connectTimeout, readTimeout);
    }

    @Override
    public String toString() {
        return "SmtpConfig[" + host + ":" + port + ", tls=" + tls + ", user=" + username + "]"; // never the password
    }
}
