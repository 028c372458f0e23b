package com.verdictdigest.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

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
    public static final Key<Integer> DB_POOL_SIZE = Parsers.integer("db.pool-size", "10", 2, 500,
            "Connections this process keeps open to the database (each sending connection uses one at a time).");
    public static final Key<Duration> DB_CONNECT_TIMEOUT = Parsers.seconds("db.connect-timeout-seconds", "10", 1, 300,
            "How long to wait for a database connection before the operation fails (the database is down or full).");

    public static final Key<String> BENCH_DB_URL = Parsers.jdbcUrl("bench.db-url", "",
            "The database 'bench send' runs in (empty; emptied again afterwards), with db.user and db.password; empty: a throwaway H2 file.");

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

    public static final Key<Integer> DIGEST_MAX_COMPARISONS = Parsers.integer("digest.max-comparisons", "12", 1, 50,
            "At most this many comparisons go in an edition; the rest are linked as 'and N more on the site'.");
    public static final Key<Boolean> DIGEST_SEND_EMPTY = Parsers.bool("digest.send-empty", "false",
            "Whether an edition with no comparisons is sent anyway.");
    public static final Key<Integer> DIGEST_MAX_HTML_BYTES = Parsers.integer("digest.max-html-bytes", "100000",
            10_000, 10_000_000, "Preflight error past this HTML size (Gmail clips messages past 102 KB).");
    public static final Key<Path> TEMPLATES_DIR = Parsers.path("templates.dir", "./templates",
            "Folder of the Velocity templates of emails and pages; the copy bundled in the jar is used when it is missing.");

    public static final Key<URI> SITE_BASE_URL = Parsers.optionalHttpUrl("site.base-url",
            "Public address of Verdict Digest's own pages; every link in an email is built on it (https in production). "
                    + "Empty: http://HOST:PORT from http.host and http.port, where the server listens.");
    public static final Key<URI> SITE_COMPARISONS_URL = Parsers.httpUrl("site.comparisons-url",
            "https://verdicts.example/compare", "The site's list of all comparisons ('and N more on the site').");
    public static final Key<String> LINKS_SECRET = Parsers.optionalSecret("links.secret", 32,
            "Secret that signs the tokens in links (32+ characters); empty means one generated and kept in data.dir.");
    public static final Key<String> MAIL_POSTAL_ADDRESS = Parsers.text("mail.postal-address",
            "Verdict Digest, 1 Example Street, 10115 Berlin, Germany",
            "The sender's postal address, shown in every email's footer (CAN-SPAM).");

    public static final Key<String> SMTP_HOST = Parsers.text("smtp.host", "",
            "SMTP relay host; empty means mail goes to the outbox folder data.dir/outbox instead.");
    public static final Key<Integer> SMTP_PORT = Parsers.integer("smtp.port", "587", 1, 65535, "SMTP relay port.");
    public static final Key<String> SMTP_USERNAME = Parsers.text("smtp.username", "",
            "SMTP user name; empty means no authentication.");
    public static final Key<String> SMTP_PASSWORD = Parsers.secret("smtp.password", "", "SMTP password.");
    public static final Key<String> SMTP_TLS = Parsers.oneOf("smtp.tls", "starttls", List.of("none", "starttls", "tls"),
            "none (plain), starttls (required upgrade) or tls (implicit TLS, usually port 465).");
    public static final Key<String> SMTP_CA_FILE = Parsers.text("smtp.ca-file", "",
            "PEM file of the certificate authorities to trust for the relay's TLS instead of the system's (a private CA); empty: the system's.");
    public static final Key<Duration> SMTP_CONNECT_TIMEOUT = Parsers.seconds("smtp.connect-timeout-seconds", "10",
            1, 600, "Time-out for opening an SMTP connection.");
    public static final Key<Duration> SMTP_READ_TIMEOUT = Parsers.seconds("smtp.read-timeout-seconds", "60",
            1, 3600, "Time-out for each SMTP reply.");

    public static final Key<Integer> SEND_CONNECTIONS = Parsers.integer("send.connections", "4", 1, 64,
            "Parallel SMTP connections, each reused for many messages.");
    public static final Key<Integer> SEND_RATE = Parsers.integer("send.rate", "0", 0, 1_000_000,
            "At most this many messages per second across the process; 0 means no limit.");
    public static final Key<Integer> SEND_MAX_ATTEMPTS = Parsers.integer("send.max-attempts", "5", 1, 100,
            "Attempts per message on temporary failures (4xx replies, broken connections), with exponential back-off.");
    public static final Key<Integer> SEND_RETRY_BASE_MILLIS = Parsers.integer("send.retry-base-millis", "1000", 1,
            3_600_000, "First back-off after a temporary failure; it doubles with each further attempt.");
    public static final Key<Integer> SEND_MAX_CONSECUTIVE_ERRORS = Parsers.integer("send.max-consecutive-errors", "25",
            1, 1_000_000, "After this many failures in a row the edition pauses instead of burning through the list.");
    public static final Key<Duration> SEND_LEASE = Parsers.seconds("send.lease-seconds", "30", 2, 3600,
            "A sending process that has not reported for this long is taken for dead and its work is taken back.");

    public static final Key<String> MAIL_FROM = Parsers.mailbox("mail.from",
            "Weekly AI Tool Verdicts <digest@verdicts.example>", "The From address of every email.");
    public static final Key<String> MAIL_REPLY_TO = Parsers.optionalMailbox("mail.reply-to", "",
            "The Reply-To address; empty means none.");
    public static final Key<String> MAIL_UNSUBSCRIBE_MAILTO = Parsers.optionalMailbox("mail.unsubscribe-mailto", "",
            "An address that unsubscribes by mail, added to List-Unsubscribe; empty means https only.");
    public static final Key<String> MAIL_LIST_ID = Parsers.text("mail.list-id", "weekly-ai-tool-verdicts.verdicts.example",
            "The List-Id of the newsletter (RFC 2919), a dotted name under your domain.");
    public static final Key<Boolean> MAIL_PRECEDENCE_BULK = Parsers.bool("mail.precedence-bulk", "true",
            "Whether messages carry 'Precedence: bulk' (stops vacation auto-replies).");
    public static final Key<String> MAIL_RETURN_PATH = Parsers.optionalMailbox("mail.return-path", "",
            "Envelope sender of every digest, where bounces go (for example bounces@verdicts.example); empty: the From address.");
    public static final Key<Boolean> MAIL_RETURN_PATH_VERP = Parsers.bool("mail.return-path-verp", "false",
            "Give each reader's copy its own envelope sender, mail.return-path with a signed token naming the edition and the reader (bounces+TOKEN@...).");
    public static final Key<String> MAIL_DKIM_DOMAIN = Parsers.text("mail.dkim.domain", "",
            "DKIM signing domain (d=); DKIM is on when domain, selector and private key are all set.");
    public static final Key<String> MAIL_DKIM_SELECTOR = Parsers.text("mail.dkim.selector", "", "DKIM selector (s=).");
    public static final Key<String> MAIL_DKIM_PRIVATE_KEY = Parsers.text("mail.dkim.private-key", "",
            "Path of the DKIM private key: an RSA key in PKCS#8 PEM form.");

    public static final Key<String> HTTP_HOST = Parsers.text("http.host", "127.0.0.1",
            "Address the web server listens on (put a TLS proxy in front for site.base-url).");
    public static final Key<Integer> HTTP_PORT = Parsers.integer("http.port", "8080", 0, 65535,
            "Port the web server listens on (0: any free port).");
    public static final Key<Integer> HTTP_MAX_BODY_BYTES = Parsers.integer("http.max-body-bytes", "16384", 1024,
            10_000_000, "Larger request bodies are refused.");
    public static final Key<Integer> HTTP_MAX_ACTIVE_UNSUBSCRIBES = Parsers.integer("http.max-active-unsubscribes", "8", 1,
            10_000, "Unsubscribe POSTs (mail providers' one-click bursts) handled at once; the rest wait their turn in arrival order "
                    + "(up to http.unsubscribe-queue-seconds, then 503).");
    public static final Key<Duration> HTTP_UNSUBSCRIBE_QUEUE = Parsers.seconds("http.unsubscribe-queue-seconds", "15", 1, 300,
            "How long an unsubscribe POST waits for its turn before it is answered 503 (the mail provider retries).");
    public static final Key<Set<String>> HTTP_TRUSTED_PROXIES = Parsers.ipAddresses("http.trusted-proxies", "",
            "Addresses of proxies in front of the server: from them, the client is the last X-Forwarded-For address "
                    + "that is not a proxy. Empty: the socket's address, and X-Forwarded-For is ignored.");
    public static final Key<Integer> SUBSCRIBE_RESEND_MINUTES = Parsers.integer("subscribe.resend-minutes", "15", 1,
            100_000, "A confirmation mail goes to the same address at most once per this many minutes.");
    public static final Key<Integer> SUBSCRIBE_PER_CLIENT_PER_HOUR = Parsers.integer("subscribe.per-client-per-hour",
            "10", 1, 1_000_000, "Sign-ups accepted from one client per hour, an IPv6 client counted by its /64 network "
                    + "(stops subscription bombing).");
    public static final Key<Integer> SUBSCRIBE_PER_HOUR = Parsers.integer("subscribe.per-hour", "1000", 1, 10_000_000,
            "Sign-ups accepted from everyone together per hour, each of which may send a confirmation mail; past it 429.");

    public static final Key<String> DIGEST_SCHEDULE = new Key<>("digest.schedule", "0 0 9 ? * MON",
            "When the weekly digest goes out: a Quartz cron expression (seconds first) in digest.timezone.",
            "a Quartz cron expression such as '0 0 9 ? * MON'", s -> {
                try {
                    org.quartz.CronExpression.validateExpression(s);
                    return s;
                } catch (java.text.ParseException e) {
                    throw new IllegalArgumentException(e);
                }
            }, false);
    public static final Key<Integer> DIGEST_CATCH_UP_HOURS = Parsers.integer("digest.catch-up-hours", "24", 0, 24 * 14,
            "A digest missed while the process was down goes out on restart within this many hours, else is skipped.");
    public static final Key<String> ADMIN_TOKEN = Parsers.optionalSecret("admin.token", 24,
            "Bearer token of the admin API and page (24+ characters); empty means one generated into data.dir and printed once.");

    public static final Key<URI> BOUNCES_MAILBOX = Parsers.mailboxUrl("bounces.mailbox",
            "Mailbox the return path's mail is read from and acted on: imap://, imaps://, pop3:// or pop3s://user@host[:port]/folder (user %-encoded); empty: none.");
    public static final Key<String> BOUNCES_PASSWORD = Parsers.secret("bounces.password", "",
            "Password of bounces.mailbox.");
    public static final Key<Duration> BOUNCES_POLL = Parsers.seconds("bounces.poll-seconds", "300", 10, 86_400,
            "How often 'serve' reads bounces.mailbox (on one process at a time when several run).");
    public static final Key<Integer> BOUNCES_SOFT_LIMIT = Parsers.integer("bounces.soft-limit", "3", 1, 100,
            "This many soft bounces of a reader within bounces.soft-window-days mark the reader bounced.");
    public static final Key<Integer> BOUNCES_SOFT_WINDOW_DAYS = Parsers.integer("bounces.soft-window-days", "30", 1, 365,
            "The window in which soft bounces are counted.");
    public static final Key<Integer> BOUNCES_ADDRESS_MATCH_DAYS = Parsers.integer("bounces.address-match-days", "14", 0, 90,
            "A report tied to a reader by address alone (no signed return path, no Message-ID of ours) may bounce them only with a hard, permanent status and only if they were sent a digest within this many days; 0: never.");

    public static final Key<Integer> VOTES_MIN_READERS = Parsers.integer("votes.min-readers", "10", 1, 1_000_000,
            "A tool's readers' tally shows in the digest once at least this many readers voted ship or skip on it.");
    public static final Key<Duration> ALERTS_POLL = Parsers.seconds("alerts.poll-seconds", "300", 10, 86_400,
            "How often 'serve' sends the bookmark alerts that are due (on one process at a time when several run).");
    public static final Key<Integer> ALERTS_WINDOW_DAYS = Parsers.integer("alerts.window-days", "7", 1, 60,
            "A change older than this many days is not told in an alert (a reader who just turned alerts on gets no old news).");

    public static final List<Key<?>> ALL = List.of(
            DATA_DIR, DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE, DB_CONNECT_TIMEOUT, BENCH_DB_URL,
            CATALOG_SOURCE, CATALOG_MAX_PAGE_BYTES, CATALOG_FETCH_TIMEOUT, CATALOG_MAX_PAGES,
            DIGEST_TIMEZONE, DIGEST_MAX_COMPARISONS, DIGEST_SEND_EMPTY, DIGEST_MAX_HTML_BYTES, TEMPLATES_DIR,
            SITE_BASE_URL, SITE_COMPARISONS_URL, LINKS_SECRET, MAIL_POSTAL_ADDRESS,
            SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_TLS, SMTP_CA_FILE, SMTP_CONNECT_TIMEOUT, SMTP_READ_TIMEOUT,
            SEND_CONNECTIONS, SEND_RATE, SEND_MAX_ATTEMPTS, SEND_RETRY_BASE_MILLIS, SEND_MAX_CONSECUTIVE_ERRORS,
            SEND_LEASE, MAIL_FROM, MAIL_REPLY_TO, MAIL_UNSUBSCRIBE_MAILTO, MAIL_LIST_ID, MAIL_PRECEDENCE_BULK,
            MAIL_RETURN_PATH, MAIL_RETURN_PATH_VERP, MAIL_DKIM_DOMAIN, MAIL_DKIM_SELECTOR, MAIL_DKIM_PRIVATE_KEY,
            HTTP_HOST, HTTP_PORT, HTTP_MAX_BODY_BYTES, HTTP_MAX_ACTIVE_UNSUBSCRIBES, HTTP_UNSUBSCRIBE_QUEUE,
            HTTP_TRUSTED_PROXIES, SUBSCRIBE_RESEND_MINUTES, SUBSCRIBE_PER_CLIENT_PER_HOUR, SUBSCRIBE_PER_HOUR,
            DIGEST_SCHEDULE, DIGEST_CATCH_UP_HOURS, ADMIN_TOKEN, BOUNCES_MAILBOX, BOUNCES_PASSWORD, BOUNCES_POLL,
            BOUNCES_SOFT_LIMIT, BOUNCES_SOFT_WINDOW_DAYS, BOUNCES_ADDRESS_MATCH_DAYS,
            VOTES_MIN_READERS, ALERTS_POLL, ALERTS_WINDOW_DAYS);
}
