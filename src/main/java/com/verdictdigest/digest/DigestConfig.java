package com.verdictdigest.digest;

import com.verdictdigest.config.Keys;
import com.verdictdigest.config.SiteAddress;
import com.verdictdigest.config.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;

/** What an edition holds and how it is rendered. */
public record DigestConfig(ZoneId zone, int maxComparisons, boolean sendEmpty, int maxHtmlBytes,
                           Path templatesDir, URI baseUrl, URI comparisonsUrl, String postalAddress) {

    public static DigestConfig from(Settings s) {
        return new DigestConfig(s.get(Keys.DIGEST_TIMEZONE), s.get(Keys.DIGEST_MAX_COMPARISONS),
                s.get(Keys.DIGEST_SEND_EMPTY), s.get(Keys.DIGEST_MAX_HTML_BYTES), s.get(Keys.TEMPLATES_DIR),
                SiteAddress.of(s), s.get(Keys.SITE_COMPARISONS_URL), s.get(Keys.MAIL_POSTAL_ADDRESS));
    }
}
