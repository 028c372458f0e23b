package com.verdictdigest.digest;

import com.verdictdigest.digest.EditionView.ComparisonView;
import com.verdictdigest.templates.SlotRegistry;
import com.verdictdigest.templates.SlottedText;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.templates.TextWrapper;
import com.verdictdigest.week.IsoWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders everything of an edition that is the same for every reader, once. Templates:
 * {@code digest.*.vm} (the layout), {@code comparison.*.vm} (one comparison, rendered twice: plain
 * and marked for readers who bookmarked one of its tools) and {@code bookmarks.*.vm} (the reader's
 * own section, the only template work left per reader). Lines end in CRLF, as a MIME body wants.
 */
public final class EditionRenderer {
    /** RFC 5322 section 2.1.1: lines SHOULD be no more than 78 characters. */
    public static final int TEXT_WIDTH = 78;
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final Templates templates;
    private final DigestConfig config;

    public EditionRenderer(Templates templates, DigestConfig config) {
        this.templates = templates;
        this.config = config;
    }

    public RenderedEdition render(Edition edition) {
        SlotRegistry slots = new SlotRegistry();
        List<ComparisonView> views = new ArrayList<>();
        for (int i = 0; i < edition.comparisons().size(); i++) {
            views.add(EditionView.comparison(i, edition.comparisons().get(i), toolSlots(slots, i, "left"),
                    toolSlots(slots, i, "right"), edition.readerTallies()));
        }
        SlottedText[][] htmlBlocks = new SlottedText[2][views.size()];
        SlottedText[][] textBlocks = new SlottedText[2][views.size()];
        Templates.Compiled htmlComparison = templates.get("comparison.html.vm");
        Templates.Compiled textComparison = templates.get("comparison.txt.vm");
        Map<String, Object> context = context(view(edition, views, true), slots);
        for (int marked = 0; marked < 2; marked++) {
            for (ComparisonView c : views) {
                Map<String, Object> ctx = new HashMap<>(context);
                ctx.put("c", c);
                ctx.put("marked", marked == 1);
                htmlBlocks[marked][c.index()] = SlottedText.parse(htmlComparison.render(ctx), slots).withCrlf();
                textBlocks[marked][c.index()] = SlottedText.parse(
                        TextWrapper.wrap(textComparison.render(ctx), TEXT_WIDTH), slots).withCrlf();
            }
        }
        // The layouts of the selections readers have come later, from the templates read now: a send
        // never mixes a template edited meanwhile with the blocks rendered here.
        Templates.Compiled htmlLayout = templates.get("digest.html.vm");
        Templates.Compiled textLayout = templates.get("digest.txt.vm");
        return new RenderedEdition(edition, slots, htmlBlocks, textBlocks, templates.get("bookmarks.html.vm"),
                templates.get("bookmarks.txt.vm"), selection -> layout(edition, views, selection, slots, htmlLayout, textLayout));
    }

    private static EditionView.ToolSlots toolSlots(SlotRegistry slots, int comparison, String side) {
        return new EditionView.ToolSlots(slots.slot(RenderedEdition.bookmarkSlot(comparison, side)),
                slots.slot(RenderedEdition.voteSlot(comparison, side)));
    }

    /**
     * The layout around one selection of comparisons: its headline and subject count and name only
     * those. Rendered once per distinct selection, the first time a reader has it.
     */
    private SelectionLayout layout(Edition edition, List<ComparisonView> views, long selection, SlotRegistry slots,
                                   Templates.Compiled htmlLayout, Templates.Compiled textLayout) {
        List<ComparisonView> chosen = views.stream().filter(v -> (selection & (1L << v.index())) != 0).toList();
        EditionView view = view(edition, chosen, selection == edition.allComparisons());
        Map<String, Object> context = context(view, slots);
        SlottedText html = SlottedText.parse(htmlLayout.render(context), slots).withCrlf();
        SlottedText text = SlottedText.parse(TextWrapper.wrap(textLayout.render(context), TEXT_WIDTH), slots).withCrlf();
        Set<String> featured = new HashSet<>();
        for (ComparisonView c : chosen) {
            featured.add(c.left().slug());
            featured.add(c.right().slug());
        }
        return new SelectionLayout(view.subject(), html, text, featured);
    }

    private static Map<String, Object> context(EditionView view, SlotRegistry slots) {
        Map<String, Object> context = new HashMap<>();
        context.put("edition", view);
        context.put("links", Map.of("manage", slots.slot("manage"), "unsubscribe", slots.slot("unsubscribe"),
                "view", slots.slot("view")));
        context.put("personal", Map.of("bookmarks", slots.slot("bookmarks"), "comparisons", slots.slot("comparisons")));
        return context;
    }

    /** @param whole whether these are all the edition's comparisons, or the ones a reader chose */
    private EditionView view(Edition edition, List<ComparisonView> chosen, boolean whole) {
        int total = whole ? edition.totalComparisons() : chosen.size();
        String news = total == 1 ? " new verdict" : " new verdicts";
        String headline = total == 0 ? "No new verdicts this week"
                : total + news + (whole ? " this week" : " for you this week");
        List<String> titles = chosen.stream().map(ComparisonView::title).toList();
        int more = whole ? edition.moreCount() : 0;
        String preheader = titles.isEmpty() ? "A quiet week on the panel."
                : titles.size() <= 2 && more == 0 ? String.join(" and ", titles)
                : titles.size() == 1 ? titles.get(0) + " and " + (total - 1) + " more"
                : titles.get(0) + ", " + titles.get(1) + " and " + (total - 2) + " more";
        String subject = "Week " + edition.week().week() + ": " + (total == 0 ? headline.replace(" this week", "") : total + news)
                + (titles.isEmpty() ? "" : " · " + titles.get(0) + (total > 1 ? " and more" : ""));
        String base = config.baseUrl().toString();
        return new EditionView(edition.week().toString(), edition.week().week(), dateRange(edition.week()),
                headline, preheader, subject, chosen, edition.moreCount(), config.comparisonsUrl().toString(),
                base + "/digests", config.postalAddress(), base.startsWith("https:"));
    }

    private static String dateRange(IsoWeek week) {
        LocalDate monday = week.monday();
        LocalDate sunday = monday.plusDays(6);
        if (monday.getMonth() == sunday.getMonth()) {
            return monday.getDayOfMonth() + "–" + FULL.format(sunday);
        }
        return DAY_MONTH.format(monday) + " – " + FULL.format(sunday);
    }
}
