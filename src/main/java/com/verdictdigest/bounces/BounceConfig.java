package com.verdictdigest.bounces;

import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import java.net.URI;
import java.time.Duration;

/**
 * How reports are read and acted on.
 *
 * @param mailbox       the mailbox polled for reports, or null for none
 * @param softLimit     soft bounces within {@code softWindow} that bounce a reader
 * @param addressMatch  how recently a reader must have been sent a digest for a report naming only their address to act; zero: never
 */
public record BounceConfig(URI mailbox, String password, Duration poll, int softLimit, Duration softWindow, Duration addressMatch) {
    public static BounceConfig from(Settings s) {
        return new BounceConfig(s.get(Keys.BOUNCES_MAILBOX), s.get(Keys.BOUNCES_PASSWORD), s.get(Keys.BOUNCES_POLL),
                s.get(Keys.BOUNCES_SOFT_LIMIT), Duration.ofDays(s.get(Keys.BOUNCES_SOFT_WINDOW_DAYS)),
                Duration.ofDays(s.get(Keys.BOUNCES_ADDRESS_MATCH_DAYS)));
    }
}
