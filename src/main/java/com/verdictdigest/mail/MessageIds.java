package com.verdictdigest.mail;

import com.verdictdigest.links.SignedTag;
import com.verdictdigest.week.IsoWeek;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Message-IDs of our mail (RFC 5322 section 3.6.4), written and read back in one place. A
 * digest's id names its edition and reader and is the same on every attempt, so a resend after a
 * crash is recognisably the same message, and a report that quotes it names the delivery. It is
 * signed (64 bits of HMAC-SHA256 with the site's key): reader ids count up, so an unsigned id could
 * be guessed, and a made-up report quoting it would name any reader.
 */
public final class MessageIds {
    private static final Pattern DIGEST = Pattern.compile("<?digest-(\\d{4}-W\\d{2})-(\\d{1,18})-([0-9a-fA-F]{16})@([^<>\\s]+)>?");
    private static final HexFormat HEX = HexFormat.of();

    private final String domain;
    private final SignedTag tags;

    /**
     * @param domain the right-hand side of every id: the domain of the From address
     * @param secret the site's key, which the ids of digests are signed with
     */
    public MessageIds(String domain, byte[] secret) {
        this.domain = domain;
        this.tags = new SignedTag(secret, "message-id", 8);
    }

    /** The right-hand side of every id. */
    public String domain() {
        return domain;
    }

    /** The id of one reader's copy of an edition. */
    public String digest(IsoWeek week, long readerId) {
        String copy = week + "-" + readerId;
        return "digest-" + copy + "-" + HEX.formatHex(tags.of(copy.getBytes(StandardCharsets.US_ASCII))) + "@" + domain;
    }

    /**
     * The id of one reader's bookmark alert of one day: at most one a day, so the same message on
     * every attempt, signed as a digest's is.
     */
    public String alert(LocalDate day, long readerId) {
        String copy = day + "-" + readerId;
        return "alert-" + copy + "-" + HEX.formatHex(tags.of(("alert-" + copy).getBytes(StandardCharsets.US_ASCII))) + "@" + domain;
    }

    /** A fresh id for a one-off message of a kind ("confirm", "test"): never the same twice. */
    public String oneOff(String kind) {
        return kind + "-" + UUID.randomUUID() + "@" + domain;
    }

    /**
     * The edition and reader a digest's id names, with or without its angle brackets.
     *
     * @return empty for any other id, including a digest id of another domain or with a signature that does not match
     */
    public Optional<DigestCopy> parse(String messageId) {
        Matcher m = DIGEST.matcher(messageId.strip());
        if (!m.matches() || !m.group(4).equalsIgnoreCase(domain)
                || !tags.matches((m.group(1) + "-" + m.group(2)).getBytes(StandardCharsets.US_ASCII), HEX.parseHex(m.group(3)))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DigestCopy(IsoWeek.parse(m.group(1)), Long.parseLong(m.group(2))));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a week that does not exist, such as W54
        }
    }

    /** One reader's copy of one edition. */
    public record DigestCopy(IsoWeek week, long readerId) {
    }
}
