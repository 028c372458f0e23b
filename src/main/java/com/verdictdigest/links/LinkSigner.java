package com.verdictdigest.links;

import com.verdictdigest.week.IsoWeek;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Makes and checks the opaque tokens that links carry: a compact binary payload (purpose, reader,
 * edition, tool) followed by its HMAC-SHA256 truncated to 128 bits (RFC 2104 section 5 allows
 * truncation to no less than half the hash), all base64url. A token made for one reader or purpose
 * cannot be changed into another's without the secret. Payload and MAC together stay near 36
 * characters, so a whole link fits on one 78-column line of the text part.
 */
public final class LinkSigner {
    private static final int VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SignedTag tags;

    public LinkSigner(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the link secret must be at least 32 bytes");
        }
        this.tags = new SignedTag(secret, "", MAC_BYTES);
    }

    public String sign(LinkToken token) {
        boolean withTool = token.purpose().namesTool();
        ByteBuffer payload = ByteBuffer.allocate(withTool ? 11 : 7);
        payload.put((byte) (VERSION << 4 | token.purpose().code));
        payload.putInt((int) token.subscriberId());
        payload.putShort(encode(token.edition()));
        if (withTool) {
            payload.putInt((int) token.toolId());
        }
        byte[] body = payload.array();
        byte[] all = Arrays.copyOf(body, body.length + MAC_BYTES);
        System.arraycopy(tags.of(body), 0, all, body.length, MAC_BYTES);
        return ENCODER.encodeToString(all);
    }

    /** The token's meaning, or empty when it is malformed, truncated, tampered with or signed by another key. */
    public Optional<LinkToken> verify(String text) {
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        byte[] all;
        try {
            all = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (all.length != 7 + MAC_BYTES && all.length != 11 + MAC_BYTES) {
            return Optional.empty();
        }
        if (!ENCODER.encodeToString(all).equals(text)) {
            // Base64 lets a few texts decode to the same bytes (unused low bits, padding): only the
            // one we wrote is the link, so a changed character is always a changed link.
            return Optional.empty();
        }
        byte[] body = Arrays.copyOf(all, all.length - MAC_BYTES);
        if (!tags.matches(body, Arrays.copyOfRange(all, body.length, all.length))) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        int head = in.get() & 0xFF;
        Purpose purpose = Purpose.ofCode(head & 0x0F);
        if (head >> 4 != VERSION || purpose == null || purpose.namesTool() != (body.length == 11)) {
            return Optional.empty();
        }
        long subscriber = in.getInt() & 0xFFFF_FFFFL;
        IsoWeek edition = decode(in.getShort());
        long tool = purpose.namesTool() ? in.getInt() & 0xFFFF_FFFFL : 0;
        return Optional.of(new LinkToken(purpose, subscriber, edition, tool));
    }

    /**
     * The CSRF token of the forms on a link's page: bound to the link's own token, so a form can
     * only be posted by someone who holds the link, and pages need no session or cookie.
     */
    public String csrf(String linkToken) {
        return ENCODER.encodeToString(tags.of(("csrf|" + linkToken).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public boolean checkCsrf(String linkToken, String csrf) {
        return csrf != null && MessageDigest.isEqual(csrf(linkToken).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                csrf.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** An ISO week in 16 bits: (year - 2000) * 64 + week; 0 is "no edition". */
    private static short encode(IsoWeek week) {
        if (week == null) {
            return 0;
        }
        return (short) ((week.year() - 2000) * 64 + week.week());
    }

    private static IsoWeek decode(short raw) {
        int v = raw & 0xFFFF;
        if (v == 0) {
            return null;
        }
        try {
            return new IsoWeek(2000 + v / 64, v % 64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
