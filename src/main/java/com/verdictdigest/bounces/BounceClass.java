package com.verdictdigest.bounces;

/**
 * Whether a bounce is final. Hard: the address does not exist or cannot exist (user unknown, no
 * such domain, moved, the domain accepts no mail). Soft: anything that may pass (a full mailbox, a
 * block, a time-out, a policy refusal), counted until {@code bounces.soft-limit}.
 */
public enum BounceClass {
    HARD("hard"),
    SOFT("soft");

    private final String word;

    BounceClass(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
