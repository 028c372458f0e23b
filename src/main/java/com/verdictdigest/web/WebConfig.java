package com.verdictdigest.web;

import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import java.time.Duration;
import java.util.Set;

/** Where the pages are served and the limits that protect them. */
public record WebConfig(String host, int port, int maxBodyBytes, int maxActiveUnsubscribes, Duration unsubscribeQueue,
                        Set<String> trustedProxies, Duration resendAfter, int subscribesPerClientPerHour,
                        int subscribesPerHour) {

    public static WebConfig from(Settings s) {
        return new WebConfig(s.get(Keys.HTTP_HOST), s.get(Keys.HTTP_PORT), s.get(Keys.HTTP_MAX_BODY_BYTES),
                s.get(Keys.HTTP_MAX_ACTIVE_UNSUBSCRIBES), s.get(Keys.HTTP_UNSUBSCRIBE_QUEUE), s.get(Keys.HTTP_TRUSTED_PROXIES), Duration.ofMinutes(s.get(Keys.SUBSCRIBE_RESEND_MINUTES)),
                s.get(Keys.SUBSCRIBE_PER_CLIENT_PER_HOUR), s.get(Keys.SUBSCRIBE_PER_HOUR));
    }
}
