package com.verdictdigest.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Every configuration key, in one place. {@code config/verdicts.properties} documents the same list
 * with the same defaults (a test keeps the two in step).
 */
public final class Keys {
    private Keys() {
    }

    public static final Key<Path> DATA_DIR = Parsers.path("data.dir", "./data",
            "Folder for the database, generated secrets and the outbox.");
    public static final Key<String> DB_URL = Parsers.jdbcUrl("db.url", "",
            "JDBC URL; empty means an H2 file database under data.dir that other processes can open too.");
    public static final Key<String> DB_USER = Parsers.text("db.user", "sa",
            "Database user.");
    public static final Key<String> DB_PASSWORD = Parsers.secret("db.password", "",
            "Database password.");

    public static final Key<String> CATALOG_SOURCE = new Key<>("catalog.source", "sample",
            "Where import reads the site: a page, a folder, an http(s) index address, or 'sample' for the bundled sample site.",
            "'sample', a file or folder path, or an http(s) address",
            s -> {
                if (s.isEmpty()) {
                    throw new IllegalArgumentException();
                }
                return s;
            }, false);
    public static final Key<Integer> CATALOG_MAX_PAGE_BYTES = Parsers.integer("catalog.max-page-bytes", "2000000",
            1_000, 100_000_000, "A page larger than this many bytes is refused.");
    public static final Key<Duration> CATALOG_FETCH_TIMEOUT = Parsers.seconds("catalog.fetch-timeout-seconds", "10",
            1, 600, "Time-out for fetching one page over http(s).");
    public static final Key<Integer> CATALOG_MAX_PAGES = Parsers.integer("catalog.max-pages", "500",
            1, 100_000, "At most this many pages are followed from one index page.");

    public static final Key<ZoneId> DIGEST_TIMEZONE = Parsers.zone("digest.timezone", "UTC",
            "Time zone in which a digest week runs from Monday 00:00 to the next Monday 00:00.");

    public static final List<Key<?>> ALL = List.of(
            DATA_DIR, DB_URL, DB_USER, DB_PASSWORD,
            CATALOG_SOURCE, CATALOG_MAX_PAGE_BYTES, CATALOG_FETCH_TIMEOUT, CATALOG_MAX_PAGES,
            DIGEST_TIMEZONE);
}
