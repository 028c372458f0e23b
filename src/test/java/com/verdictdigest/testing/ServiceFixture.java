package com.verdictdigest.testing;

import com.verdictdigest.app.App;
import com.verdictdigest.app.Service;
import com.verdictdigest.config.Settings;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.SubscriberStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The whole `serve` process in-process: web server, admin, schedule and sending, on a temporary data folder. */
public final class ServiceFixture implements AutoCloseable {
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

    public final App app;
    public final Service service;
    public final String base;

    /** @param rate messages per second, to watch a send in progress */
    public ServiceFixture(Path dir, int readers, int rate) {
        this(dir, readers, rate, Map.of(), Clock.systemUTC());
    }

    /**
     * @param settings more settings, as {@code VERDICTS_*} variables
     * @param clock    the application's clock
     */
    public ServiceFixture(Path dir, int readers, int rate, Map<String, String> settings, Clock clock) {
        Map<String, String> env = new HashMap<>();
        env.put("VERDICTS_DATA_DIR", dir.resolve("data").toString());
        env.put("VERDICTS_HTTP_PORT", "0");
        env.put("VERDICTS_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("VERDICTS_SEND_RATE", String.valueOf(rate));
        env.put("VERDICTS_SEND_CONNECTIONS", "2");
        env.put("VERDICTS_LINKS_SECRET", new String(DigestFixture.SECRET, java.nio.charset.StandardCharsets.UTF_8));
        if (OnPostgres.Extension.active()) {
            env.putAll(TestDatabase.settings(dir.resolve("db")));
        }
        env.putAll(settings);
        app = new App(Settings.load(null, env), clock);
        try {
            app.importer().importFrom(java.util.List.of("sample"));
            for (int i = 1; i <= readers; i++) {
                app.subscribers().add(EmailAddress.parse("reader" + i + "@example.com"), SubscriberStatus.ACTIVE);
            }
            service = new Service(app).start();
        } catch (RuntimeException e) {
            app.close(); // the service released what it had started
            throw e;
        }
        base = "http://127.0.0.1:" + service.port();
    }

    @Override
    public void close() {
        service.close();
        app.close();
    }
}
