package com.verdictdigest.delivery;

import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import java.time.Duration;

/** How hard and how carefully the engine sends. */
public record SendConfig(int connections, int ratePerSecond, int maxAttempts, Duration retryBase,
                         int maxConsecutiveErrors, Duration lease) {

    public static SendConfig from(Settings s) {
        return new SendConfig(s.get(Keys.SEND_CONNECTIONS), s.get(Keys.SEND_RATE), s.get(Keys.SEND_MAX_ATTEMPTS),
                Duration.ofMillis(s.get(Keys.SEND_RETRY_BASE_MILLIS)), s.get(Keys.SEND_MAX_CONSECUTIVE_ERRORS),
                s.get(Keys.SEND_LEASE));
    }
}
