package com.verdictdigest.store;

import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import java.time.Duration;

/**
 * How to reach the database.
 *
 * @param poolSize       connections kept open by this process
 * @param connectTimeout how long an operation waits for a connection before it fails
 */
public record StoreConfig(String url, String user, String password, int poolSize, Duration connectTimeout) {

    /** With the default pool (10 connections) and time-out (10 s). */
    public StoreConfig(String url, String user, String password) {
        this(url, user, password, 10, Duration.ofSeconds(10));
    }

    /** The URL with any password it carries masked, for messages and logs. */
    public String safeUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return "StoreConfig[url=" + url + ", user=" + user + "]"; // never the password
    }

    public static StoreConfig from(Settings settings) {
        String url = settings.get(Keys.DB_URL);
        if (url.isEmpty()) {
            // AUTO_SERVER lets a second process (a manual send next to `serve`) open the same file. (H2
            // refuses DB_CLOSE_ON_EXIT=FALSE with it, so on Ctrl-C H2 may close the file before a sender
            // records its last message: that message is then "in doubt" and goes again on resume.)
            url = "jdbc:h2:file:" + settings.get(Keys.DATA_DIR).toAbsolutePath().normalize().resolve("verdicts")
                    + ";AUTO_SERVER=TRUE";
        }
        return new StoreConfig(url, settings.get(Keys.DB_USER), settings.get(Keys.DB_PASSWORD),
                settings.get(Keys.DB_POOL_SIZE), settings.get(Keys.DB_CONNECT_TIMEOUT));
    }
}
