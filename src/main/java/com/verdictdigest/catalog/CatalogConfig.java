package com.verdictdigest.catalog;

import com.verdictdigest.config.Keys;
import com.verdictdigest.config.Settings;
import java.time.Duration;

/**
 * How the site is read, with the limits that guard against a hostile or broken site.
 *
 * @param source          the default source: 'sample', a path, or an http(s) index address
 * @param maxPageBytes    a larger page is refused
 * @param fetchTimeout    the whole fetch of one page over http(s)
 * @param maxPagesPerIndex links past this many on one index page are not followed
 */
public record CatalogConfig(String source, int maxPageBytes, Duration fetchTimeout, int maxPagesPerIndex) {

    public static CatalogConfig from(Settings settings) {
        return new CatalogConfig(settings.get(Keys.CATALOG_SOURCE), settings.get(Keys.CATALOG_MAX_PAGE_BYTES),
                settings.get(Keys.CATALOG_FETCH_TIMEOUT), settings.get(Keys.CATALOG_MAX_PAGES));
    }
}
