package com.verdictdigest.votes;

/** The readers' votes on one tool. */
public record Tally(String toolSlug, int ship, int skip) {

    public Tally {
        if (ship < 0 || skip < 0) {
            throw new IllegalArgumentException("negative vote count: " + ship + " ship, " + skip + " skip");
        }
    }

    public int votes() {
        return ship + skip;
    }

    /**
     * The share of ship votes, rounded; 0 without votes. A split vote never rounds to 0% or 100%:
     * "100% ship" beside a skip vote would not be true.
     */
    public int shipPercent() {
        if (votes() == 0) {
            return 0;
        }
        int rounded = (int) Math.round(100.0 * ship / votes());
        return ship == 0 || skip == 0 ? rounded : Math.max(1, Math.min(99, rounded));
    }

    /** For the digest, beside the panel's verdict: "Readers: 62% ship, 214 votes". */
    public String label() {
        return "Readers: " + shipPercent() + "% ship, " + votes() + (votes() == 1 ? " vote" : " votes");
    }
}
