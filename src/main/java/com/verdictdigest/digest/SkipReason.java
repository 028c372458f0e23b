package com.verdictdigest.digest;

/** Why a reader gets no copy of an edition: the words the delivery ledger records. */
public enum SkipReason {
    /** They paused the digest from their manage page. */
    PAUSED("paused"),
    /** None of the week's comparisons is in a category they follow. */
    NOTHING_FOLLOWED("nothing-followed"),
    /** They asked only for weeks with news about their bookmarked tools, and this week has none. */
    NO_BOOKMARK_NEWS("no-bookmark-news");

    private final String word;

    SkipReason(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
