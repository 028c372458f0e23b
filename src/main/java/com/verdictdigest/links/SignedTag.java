package com.verdictdigest.links;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A short HMAC-SHA256 tag (RFC 2104; truncated, as its section 5 allows) of one kind of value, with
 * the site's key: what makes a link token, a return path or a Message-ID ours, so nobody can make
 * one up. Each kind is bound into its tags, so a tag of one kind never passes for another.
 */
public final class SignedTag {
    private final byte[] kind;
    private final int bytes;
    private final SecretKeySpec key;
    /** One MAC per thread, made once, as LinkSigner keeps: not one per message. */
    private final ThreadLocal<Mac> macs;

    /** @param kind bound into every tag (empty: none, as link tokens were first signed) */
    public SignedTag(byte[] secret, String kind, int bytes) {
        this.kind = kind.getBytes(StandardCharsets.US_ASCII);
        this.bytes = bytes;
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The tag of {@code value}: the first {@code bytes} bytes of its MAC. */
    public byte[] of(byte[] value) {
        Mac mac = macs.get();
        mac.update(kind);
        return Arrays.copyOf(mac.doFinal(value), bytes);
    }

    /** Whether {@code tag} is the tag of {@code value}, compared in constant time. */
    public boolean matches(byte[] value, byte[] tag) {
        return MessageDigest.isEqual(of(value), tag);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
