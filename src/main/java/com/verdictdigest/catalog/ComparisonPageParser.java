package com.verdictdigest.catalog;

import com.verdictdigest.templates.XmlText;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Reads one comparison page by the markup contract the site publishes for its comparison pages.
 * Anything the contract promises but the page lacks is a {@link PageRejectedException} naming
 * the part that is wrong; nothing is guessed.
 */
public final class ComparisonPageParser {
    /** The four personas of the panel, in the order the site shows them. */
    static final List<String> PERSONAS = List.of("builder", "skeptic", "futurist", "founder");

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern PANEL_COUNTS = Pattern.compile("(\\d+)\\s*ship\\s*/\\s*(\\d+)\\s*skip",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PERCENT = Pattern.compile("(\\d{1,3})\\s*%");
    private static final int MAX_SLUG = 200;

    private ComparisonPageParser() {
    }

    /** True when the document is a comparison page rather than an index. */
    public static boolean isComparison(Document doc) {
        return doc.selectFirst("article.comparison") != null;
    }

    public static Comparison parse(Document doc) throws PageRejectedException {
        Element article = doc.selectFirst("article.comparison");
        if (article == null) {
            throw new PageRejectedException("no article.comparison element");
        }
        String slug = slug(article.attr("data-slug"), "comparison slug (article[data-slug])");
        URI canonical = canonical(doc);
        Instant published = instant(doc, "article:published_time", true);
        Instant modified = instant(doc, "article:modified_time", false);
        if (modified == null) {
            modified = published;
        }
        String title = requiredText(article, "h1", "title (article h1)");
        String standfirst = text(article, "p.dek");

        Element decision = article.selectFirst("section.decision");
        ToolFigures left = tool(article, decision, Side.LEFT, doc.location());
        ToolFigures right = tool(article, decision, Side.RIGHT, doc.location());
        if (left.slug().equals(right.slug())) {
            throw new PageRejectedException("both sides are the same tool '" + left.slug() + "'");
        }
        Comparison comparison = new Comparison(slug, canonical, title, standfirst, published, modified, left, right);
        FieldLimits.check(comparison);
        return comparison;
    }

    private static ToolFigures tool(Element article, Element decision, Side side, String baseUri)
            throws PageRejectedException {
        String where = side.word() + " tool";
        Element div = article.selectFirst("div.tool[data-side=" + side.word() + "]");
        if (div == null) {
            throw new PageRejectedException("missing " + where + " (div.tool[data-side=" + side.word() + "])");
        }
        String slug = slug(div.attr("data-tool"), where + " slug (data-tool)");
        String name = requiredText(div, ".name", where + " name");
        String verdictWord = requiredText(div, ".verdict-word", where + " verdict word");
        Verdict verdict;
        try {
            verdict = Verdict.of(verdictWord);
        } catch (IllegalArgumentException e) {
            throw new PageRejectedException(where + " verdict word " + e.getMessage());
        }
        int shipPercent = percent(requiredText(div, ".panel-ship", where + " panel ship"), where);
        Element community = div.selectFirst(".community[data-votes]");
        int votes = community == null ? 0 : count(community.attr("data-votes"), where + " community votes");

        int column = side == Side.LEFT ? 0 : 1;
        Map<String, String> rows = decisionColumn(decision, column);
        String panelVerdict = rows.getOrDefault("panel-verdict", "");
        Matcher counts = PANEL_COUNTS.matcher(panelVerdict);
        if (!counts.find()) {
            throw new PageRejectedException(where + " panel verdict '" + panelVerdict
                    + "' does not read 'N ship / N skip' (section.decision tr[data-row=panel-verdict])");
        }
        String category = firstNonEmpty(text(div, ".category"), rows.get("category"));
        Element description = div.selectFirst(".description");
        SanitizedHtml safeDescription = DescriptionSanitizer.sanitize(
                description == null ? "" : description.html(), baseUri);

        return new ToolFigures(side, slug, name, text(div, ".tagline"), category, verdict,
                count(counts.group(1), where + " panel ship count"),
                count(counts.group(2), where + " panel skip count"),
                shipPercent, votes, text(div, ".entry"),
                rows.getOrDefault("pricing", ""),
                firstNonEmpty(rows.get("best-for"), text(div, ".tagline")),
                safeDescription, reviews(article, slug, where));
    }

    private static List<Review> reviews(Element article, String toolSlug, String where)
            throws PageRejectedException {
        List<Review> reviews = new ArrayList<>();
        for (String persona : PERSONAS) {
            Element reviewer = article.selectFirst("section.scorecard .reviewer[data-persona=" + persona + "]");
            if (reviewer == null) {
                throw new PageRejectedException("missing reviews: no " + persona + " in the scorecard");
            }
            Element review = null;
            for (Element candidate : reviewer.select(".review[data-tool]")) {
                if (candidate.attr("data-tool").equals(toolSlug)) {
                    review = candidate;
                }
            }
            if (review == null) {
                throw new PageRejectedException("missing reviews: " + persona + " has no review of the "
                        + where + " '" + toolSlug + "'");
            }
            String what = persona + " review of '" + toolSlug + "'";
            String pointsText = requiredText(review, ".points", what + " score");
            int score;
            try {
                score = Integer.parseInt(pointsText);
            } catch (NumberFormatException e) {
                throw new PageRejectedException(what + " score '" + pointsText + "' is not a number");
            }
            if (score < 0 || score > 100) {
                throw new PageRejectedException(what + " score " + score + " is outside 0..100");
            }
            Verdict verdict;
            try {
                verdict = Verdict.of(requiredText(review, ".verdict", what + " verdict"));
            } catch (IllegalArgumentException e) {
                throw new PageRejectedException(what + " verdict " + e.getMessage());
            }
            String personaName = firstNonEmpty(text(reviewer, "h3"), capitalised(persona));
            reviews.add(new Review(persona, personaName, score, verdict, text(review, ".take")));
        }
        return reviews;
    }

    /** The decision table's cells for one tool, keyed by {@code tr[data-row]}. */
    private static Map<String, String> decisionColumn(Element decision, int column) {
        Map<String, String> cells = new java.util.HashMap<>();
        if (decision == null) {
            return cells;
        }
        for (Element row : decision.select("tr[data-row]")) {
            Elements tds = row.select("td");
            if (tds.size() > column) {
                cells.put(row.attr("data-row"), tds.get(column).text().strip());
            }
        }
        return cells;
    }

    private static URI canonical(Document doc) throws PageRejectedException {
        Element link = doc.selectFirst("link[rel=canonical][href]");
        if (link == null) {
            throw new PageRejectedException("no canonical address (link[rel=canonical])");
        }
        String href = link.attr("abs:href");
        if (href.isEmpty()) {
            href = link.attr("href");
        }
        try {
            URI uri = new URI(href);
            if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new PageRejectedException("canonical address '" + href + "' is not an absolute http(s) address");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new PageRejectedException("canonical address '" + href + "' is not a valid address");
        }
    }

    private static Instant instant(Document doc, String property, boolean required) throws PageRejectedException {
        Element meta = doc.selectFirst("meta[property=" + property + "]");
        if (meta == null || meta.attr("content").isBlank()) {
            if (required) {
                throw new PageRejectedException("no " + property + " date");
            }
            return null;
        }
        String value = meta.attr("content").strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new PageRejectedException(property + " '" + value + "' is not an ISO-8601 date-time with offset");
        }
    }

    private static String slug(String value, String what) throws PageRejectedException {
        String slug = value.strip();
        if (slug.isEmpty()) {
            throw new PageRejectedException("no " + what);
        }
        if (slug.length() > MAX_SLUG || !SLUG.matcher(slug).matches()) {
            throw new PageRejectedException(what + " '" + abbreviate(slug) + "' is not a slug (a-z, 0-9 and -)");
        }
        return slug;
    }

    private static int percent(String text, String where) throws PageRejectedException {
        Matcher m = PERCENT.matcher(text);
        if (!m.find() || Integer.parseInt(m.group(1)) > 100) {
            throw new PageRejectedException(where + " panel ship '" + text + "' is not a percentage from 0 to 100");
        }
        return Integer.parseInt(m.group(1));
    }

    private static int count(String text, String what) throws PageRejectedException {
        try {
            int n = Integer.parseInt(text.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new PageRejectedException(what + " '" + abbreviate(text) + "' is not a count");
        }
    }

    private static String requiredText(Element scope, String css, String what) throws PageRejectedException {
        String text = text(scope, css);
        if (text.isEmpty()) {
            throw new PageRejectedException("missing " + what + " (" + css + ")");
        }
        return text;
    }

    private static String text(Element scope, String css) {
        Element e = scope.selectFirst(css);
        return e == null ? "" : XmlText.clean(e.text()).strip(); // a character XML forbids would break the feed
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : b == null ? "" : b;
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
