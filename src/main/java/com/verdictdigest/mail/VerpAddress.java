package com.verdictdigest.mail;

import com.verdictdigest.links.SignedTag;
import com.verdictdigest.week.IsoWeek;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The envelope sender of one reader's copy with {@code mail.return-path-verp} (variable envelope
 * return path): the return path's local part, "+", and a token naming the edition and the reader,
 * so a bounce names its delivery even when the remote server quotes nothing of the message. The
 * token is hex, because some servers change the case of a local part, and signed (HMAC-SHA256,
 * 64 bits), so a report sent to a made-up address cannot name a reader.
 */
public final class VerpAddress {
    private static final HexFormat HEX = HexFormat.of();
    /** Two bytes of week, five of reader id, eight of signature. */
    private static final int TOKEN_BYTES = 15;
    private static final int MAC_BYTES = 8;
    /** 64 characters of local part (RFC 5321), less "+" and the token. */
    static final int MAX_LOCAL = 64 - 1 - 2 * TOKEN_BYTES;

    private final String local;
    private final String domain;
    private final SignedTag tags;

    /**
     * @param returnPath the address the tokens are added to ({@code bounces@verdicts.example})
     * @param secret     the key the tokens are signed with
     */
    public VerpAddress(String returnPath, byte[] secret) {
        int at = returnPath.lastIndexOf('@');
        this.local = returnPath.substring(0, at);
        if (local.length() > MAX_LOCAL) {
            throw new IllegalArgumentException("the return path's local part '" + local + "' is longer than " + MAX_LOCAL
                    + " characters: with '+' and the token it would pass the 64 a local part may have (RFC 5321 section 4.5.3.1.1)");
        }
        this.domain = returnPath.substring(at + 1);
        this.tags = new SignedTag(secret, "verp", MAC_BYTES);
    }

    /** The envelope sender of this reader's copy of this edition: {@code bounces+TOKEN@domain}. */
    public String of(IsoWeek week, long readerId) {
        if (week.year() < 2000 || week.year() > 3023 || readerId < 0 || readerId >= 1L << 40) {
            throw new IllegalArgumentException("cannot name week " + week + " and reader " + readerId + " in a return path");
        }
        ByteBuffer body = ByteBuffer.allocate(TOKEN_BYTES - MAC_BYTES);
        body.putShort((short) ((week.year() - 2000) * 64 + week.week()));
        body.put((byte) (readerId >>> 32)).putInt((int) readerId);
        byte[] token = Arrays.copyOf(body.array(), TOKEN_BYTES);
        System.arraycopy(tags.of(body.array()), 0, token, body.capacity(), MAC_BYTES);
        return local + "+" + HEX.formatHex(token) + "@" + domain;
    }

    /**
     * The edition and reader an address made by {@link #of} names, in any case, with or without
     * angle brackets.
     *
     * @return empty for any other address, and for a token whose signature does not match
     */
    public Optional<MessageIds.DigestCopy> parse(String address) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        String prefix = local.toLowerCase(Locale.ROOT) + "+";
        String suffix = "@" + domain.toLowerCase(Locale.ROOT);
        if (!a.startsWith(prefix) || !a.endsWith(suffix) || a.length() != prefix.length() + 2 * TOKEN_BYTES + suffix.length()) {
            return Optional.empty();
        }
        byte[] token;
        try {
            token = HEX.parseHex(a, prefix.length(), prefix.length() + 2 * TOKEN_BYTES);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOf(token, TOKEN_BYTES - MAC_BYTES);
        if (!tags.matches(body, Arrays.copyOfRange(token, body.length, TOKEN_BYTES))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        int weekCode = b.getShort() & 0xFFFF;
        long readerId = ((long) (b.get() & 0xFF) << 32) | (b.getInt() & 0xFFFFFFFFL);
        try {
            return Optional.of(new MessageIds.DigestCopy(new IsoWeek(2000 + weekCode / 64, weekCode % 64), readerId));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // signed, so ours, but of a week that does not exist: never made
        }
    }
}
