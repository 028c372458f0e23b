package com.verdictdigest.cli;

import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.catalog.Review;
import com.verdictdigest.catalog.ToolFigures;
import com.verdictdigest.week.IsoWeek;
import java.time.ZoneId;
import java.util.List;

/**
 * The documented, stable JSON form of a comparison ({@code comparisons list --format json}).
 * Field names and meanings are part of the README's contract with scripts: add fields, never rename.
 */
record ComparisonJson(String slug, String url, String title, String standfirst, String published,
                      String modified, String week, List<ToolJson> tools) {

    record ToolJson(String side, String slug, String name, String tagline, String category, String verdict,
                    int panelShip, int panelSkip, int panelShipPercent, int communityVotes, String entry,
                    String pricing, String bestFor, int averageScore, String descriptionHtml,
                    List<ReviewJson> reviews) {
    }

    record ReviewJson(String persona, String personaName, int score, String verdict, String take) {
    }

    static ComparisonJson of(Comparison c, ZoneId zone) {
        return new ComparisonJson(c.slug(), c.canonicalUrl().toString(), c.title(), c.standfirst(),
                c.published().toString(), c.modified().toString(), IsoWeek.of(c.published(), zone).toString(),
                List.of(tool(c.left()), tool(c.right())));
    }

    private static ToolJson tool(ToolFigures t) {
        return new ToolJson(t.side().word(), t.slug(), t.name(), t.tagline(), t.category(), t.verdict().word(),
                t.panelShip(), t.panelSkip(), t.panelShipPercent(), t.communityVotes(), t.entry(), t.pricing(),
                t.bestFor(), t.averageScore(), t.description().html(),
                t.reviews().stream().map(ComparisonJson::review).toList());
    }

    private static ReviewJson review(Review r) {
        return new ReviewJson(r.persona(), r.personaName(), r.score(), r.verdict().word(), r.take());
    }
}
