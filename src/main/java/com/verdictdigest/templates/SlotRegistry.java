package com.verdictdigest.templates;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** Numbers the per-reader slots of one render and makes their unforgeable markers. */
public final class SlotRegistry {
    private final String nonce;
    private final Map<String, Integer> ids = new HashMap<>();

    public SlotRegistry() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        this.nonce = HexFormat.of().formatHex(bytes);
    }

    public Slot slot(String name) {
        int id = id(name);
        return new Slot(Slot.DELIMITER + nonce + ":" + id + Slot.DELIMITER);
    }

    public int id(String name) {
        return ids.computeIfAbsent(name, n -> ids.size());
    }

    public int size() {
        return ids.size();
    }

    /** The slot id of a marker's body ({@code nonce:id}), or -1 when it is not one of ours. */
    int parse(String body) {
        if (!body.startsWith(nonce) || body.length() <= nonce.length() + 1 || body.charAt(nonce.length()) != ':') {
            return -1;
        }
        try {
            int id = Integer.parseInt(body.substring(nonce.length() + 1));
            return id < ids.size() ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
