package com.verdictdigest.alerts;

import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import java.time.Duration;

/**
 * When bookmark alerts go out, how fast, and how hard each is tried (the digest's send.rate,
 * send.max-attempts and send.retry-base-millis).
 *
 * @param poll        how often {@code serve} looks for readers due an alert
 * @param window      how old a change may be and still be told: older news is left to the digest
 * @param ratePerSecond at most this many alerts a second; 0: no limit
 * @param maxAttempts tries of one alert while the relay answers "try later" (4xx) or cannot be reached
 * @param retryBase   the first wait between tries, doubled at each further one
 */
public record AlertConfig(Duration poll, Duration window, int ratePerSecond, int maxAttempts, Duration retryBase) {
    public static AlertConfig from(Settings s) {
        return new AlertConfig(s.get(Keys.ALERTS_POLL), Duration.ofDays(s.get(Keys.ALERTS_WINDOW_DAYS)), s.get(Keys.SEND_RATE),
                s.get(Keys.SEND_MAX_ATTEMPTS), Duration.ofMillis(s.get(Keys.SEND_RETRY_BASE_MILLIS)));
    }
}
