package com.verdictdigest.catalog;

import java.util.List;

/**
 * A tool as it stands in one comparison: the tool's identity and the figures the panel gave it there.
 *
 * @param slug             the site's stable id of the tool, shared across comparisons
 * @param panelShipPercent 0 to 100
 * @param communityVotes   0 means "no community votes yet"
 * @param reviews          the four reviewers, in page order
 */
public record ToolFigures(Side side, String slug, String name, String tagline, String category,
                          Verdict verdict, int panelShip, int panelSkip, int panelShipPercent,
                          int communityVotes, String entry, String pricing, String bestFor,
                          SanitizedHtml description, List<Review> reviews) {

    public ToolFigures {
        reviews = List.copyOf(reviews);
    }

    /** The reviewers' mean score, rounded to the nearest whole point. */
    public int averageScore() {
        return (int) Math.round(reviews.stream().mapToInt(Review::score).average().orElse(0));
    }
}
