package com.verdictdigest.digest;

import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.catalog.Review;
import com.verdictdigest.catalog.ToolFigures;
import java.text.BreakIterator;
import java.util.Locale;

/**
 * The one short quote a comparison shows: the opening sentence of its highest-scoring review,
 * cut at a word boundary when long.
 */
record PullQuote(String text, String persona, String toolName) {
    private static final int MAX = 180;

    static PullQuote of(Comparison c) {
        Review best = null;
        ToolFigures bestTool = null;
        for (ToolFigures t : new ToolFigures[] {c.left(), c.right()}) {
            for (Review r : t.reviews()) {
                if (best == null || r.score() > best.score()) {
                    best = r;
                    bestTool = t;
                }
            }
        }
        return new PullQuote(shorten(firstSentence(best.take())), best.personaName(), bestTool.name());
    }

    private static String firstSentence(String text) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(text);
        int end = it.next();
        return (end == BreakIterator.DONE ? text : text.substring(0, end)).strip();
    }

    private static String shorten(String s) {
        if (s.length() <= MAX) {
            return s;
        }
        int cut = s.lastIndexOf(' ', MAX - 1);
        return s.substring(0, cut > 0 ? cut : MAX - 1).replaceAll("[,;:—-]+$", "") + "…";
    }
}
