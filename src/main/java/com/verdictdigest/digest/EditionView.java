package com.verdictdigest.digest;

import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.catalog.Review;
import com.verdictdigest.catalog.ToolFigures;
import com.verdictdigest.templates.Slot;
import com.verdictdigest.templates.TrustedHtml;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the email templates see. Records, so templates read {@code $tool.name}; every value is text
 * (escaped by the HTML templates) except {@code description}, which is {@link TrustedHtml}, and the
 * {@link Slot}s that each reader's values fill in later.
 */
public record EditionView(String week, int weekNumber, String dateRange, String headline, String preheader,
                          String subject, List<ComparisonView> comparisons, int moreCount, String moreUrl,
                          String archiveUrl, String postalAddress, boolean secureLinks) {

    public record ComparisonView(int index, String title, String url, String standfirst, ToolView left,
                                 ToolView right, String quote, String quoteBy) {
    }

    public record ToolView(String slug, String name, String monogram, String category, String tagline,
                           String verdict, boolean ship, int panelShip, int panelSkip, int panelShipPercent,
                           String entry, String pricing, int communityVotes, String community, int averageScore,
                           List<ReviewView> reviews, TrustedHtml description, String descriptionText,
                           Slot bookmarkUrl, Slot voteUrl, String readersTally) {
    }

    public record ReviewView(String persona, int score, String verdict, boolean ship) {
    }

    /** The per-reader links of one tool: its bookmark and vote buttons. */
    record ToolSlots(Slot bookmark, Slot vote) {
    }

    /** @param tallies the readers' tally of each tool with enough votes to show, by slug */
    static ComparisonView comparison(int index, Comparison c, ToolSlots left, ToolSlots right, Map<String, String> tallies) {
        PullQuote quote = PullQuote.of(c);
        return new ComparisonView(index, c.title(), c.canonicalUrl().toString(), c.standfirst(),
                tool(c.left(), left, tallies.get(c.left().slug())), tool(c.right(), right, tallies.get(c.right().slug())),
                quote.text(), quote.persona() + " on " + quote.toolName());
    }

    private static ToolView tool(ToolFigures t, ToolSlots slots, String readersTally) {
        String community = t.communityVotes() == 0 ? "No community votes yet"
                : NumberFormat.getIntegerInstance(Locale.ENGLISH).format(t.communityVotes())
                + (t.communityVotes() == 1 ? " community vote" : " community votes");
        List<ReviewView> reviews = t.reviews().stream().map(EditionView::review).toList();
        String monogram = t.name().isEmpty() ? "?" : t.name().substring(0, t.name().offsetByCodePoints(0, 1))
                .toUpperCase(Locale.ROOT);
        return new ToolView(t.slug(), t.name(), monogram, t.category(), t.tagline(), t.verdict().label(),
                t.verdict() == com.verdictdigest.catalog.Verdict.SHIP, t.panelShip(), t.panelSkip(),
                t.panelShipPercent(), t.entry(), t.pricing(), t.communityVotes(), community, t.averageScore(),
                reviews, t.description(), com.verdictdigest.catalog.PlainText.of(t.description()), slots.bookmark(),
                slots.vote(), readersTally);
    }

    private static ReviewView review(Review r) {
        return new ReviewView(r.personaName(), r.score(), r.verdict().word(),
                r.verdict() == com.verdictdigest.catalog.Verdict.SHIP);
    }
}
