package com.verdictdigest.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** The value types a {@link Key} can hold, each with the wording of its "expected ..." message. */
final class Parsers {
    private Parsers() {
    }

    static Key<String> text(String name, String def, String description) {
        return new Key<>(name, def, description, "any text", s -> s, false);
    }

    static Key<String> secret(String name, String def, String description) {
        return new Key<>(name, def, description, "any text", s -> s, true);
    }

    static Key<Path> path(String name, String def, String description) {
        return new Key<>(name, def, description, "a file system path", s -> {
            if (s.isEmpty()) {
                throw new IllegalArgumentException();
            }
            return Path.of(s);
        }, false);
    }

    static Key<Integer> integer(String name, String def, int min, int max, String description) {
        return new Key<>(name, def, description, "a whole number from " + min + " to " + max, s -> {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException();
            }
            return v;
        }, false);
    }

    static Key<Duration> seconds(String name, String def, int min, int max, String description) {
        Function<String, Duration> p = s -> {
            int v = Integer.parseInt(s);
            if (v < min || v > max) {
                throw new IllegalArgumentException();
            }
            return Duration.ofSeconds(v);
        };
        return new Key<>(name, def, description, "a number of seconds from " + min + " to " + max, p, false);
    }

    static Key<Boolean> bool(String name, String def, String description) {
        return new Key<>(name, def, description, "true or false", s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException();
        }, false);
    }

    static Key<ZoneId> zone(String name, String def, String description) {
        return new Key<>(name, def, description, "an IANA time zone such as UTC or Europe/Berlin", ZoneId::of, false);
    }

    /** An optional JDBC URL: empty means "the default database". */
    static Key<String> jdbcUrl(String name, String def, String description) {
        return new Key<>(name, def, description, "a JDBC URL starting with jdbc:", s -> {
            if (!s.isEmpty() && !s.startsWith("jdbc:")) {
                throw new IllegalArgumentException();
            }
            return s;
        }, false);
    }

    /** An absolute http(s) address, kept without a trailing slash so paths can be appended. */
    /** Like {@link #httpUrl}, or empty (null). */
    static Key<URI> optionalHttpUrl(String name, String description) {
        Key<URI> url = httpUrl(name, "", description);
        return new Key<>(name, "", description, "empty or " + url.expected(),
                s -> s.isEmpty() ? null : url.parser().apply(s), false);
    }

    static Key<URI> httpUrl(String name, String def, String description) {
        return new Key<>(name, def, description, "an absolute http:// or https:// address without query, fragment or user name", s -> {
            URI uri = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(); // every link is built on it: a query or fragment would break them all
            }
            return uri;
        }, false);
    }

    static Key<String> oneOf(String name, String def, java.util.List<String> choices, String description) {
        return new Key<>(name, def, description, "one of " + String.join(", ", choices), s -> {
            if (!choices.contains(s)) {
                throw new IllegalArgumentException();
            }
            return s;
        }, false);
    }

    /** A mailbox such as {@code Name <user@example.com>}, checked strictly (RFC 5322) and free of line breaks. */
    static Key<String> mailbox(String name, String def, String description) {
        return new Key<>(name, def, description, "a mail address such as 'Name <user@example.com>'",
                Parsers::checkMailbox, false);
    }

    static Key<String> optionalMailbox(String name, String def, String description) {
        return new Key<>(name, def, description, "empty or a mail address such as 'user@example.com'",
                s -> s.isEmpty() ? s : checkMailbox(s), false);
    }

    private static String checkMailbox(String s) {
        if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            throw new IllegalArgumentException();
        }
        try {
            new jakarta.mail.internet.InternetAddress(s, true).validate();
            return s;
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Empty, or a mailbox to read: an IMAP or POP3 address with a user, a host and, for IMAP, a folder. */
    static Key<URI> mailboxUrl(String name, String description) {
        return new Key<>(name, "", description, "empty or imap://, imaps://, pop3:// or pop3s://user@host[:port]/folder", s -> {
            if (s.isEmpty()) {
                return null;
            }
            URI u = URI.create(s);
            if (u.getScheme() == null || !java.util.List.of("imap", "imaps", "pop3", "pop3s").contains(u.getScheme())
                    || u.getHost() == null || u.getUserInfo() == null || u.getUserInfo().contains(":")) {
                throw new IllegalArgumentException(); // a password goes in bounces.password, never in the address
            }
            return u;
        }, true); // not echoed in errors: a mistaken address may carry a password (imaps://user:secret@...)
    }

    /**
     * Literal IP addresses separated by commas (no host names: a name would be looked up, and could
     * change, on every request). Kept in the JVM's canonical form, to compare with a socket's address.
     */
    static Key<Set<String>> ipAddresses(String name, String def, String description) {
        return new Key<>(name, def, description, "IP addresses separated by commas, such as 127.0.0.1, ::1", s -> {
            Set<String> addresses = new LinkedHashSet<>();
            for (String part : s.split(",")) {
                String ip = part.strip();
                if (!ip.isEmpty()) {
                    addresses.add(IpAddress.canonical(ip).orElseThrow(IllegalArgumentException::new));
                }
            }
            return Set.copyOf(addresses);
        }, false);
    }

    /** A secret that may be empty (then generated and kept in data.dir) or is at least {@code min} characters. */
    static Key<String> optionalSecret(String name, int min, String description) {
        return new Key<>(name, "", description, "empty or at least " + min + " characters", s -> {
            if (!s.isEmpty() && s.length() < min) {
                throw new IllegalArgumentException();
            }
            return s;
        }, true);
    }
}
