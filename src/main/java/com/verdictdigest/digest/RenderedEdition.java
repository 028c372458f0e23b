package com.verdictdigest.digest;

import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.mail.WireCopy;
import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.templates.Html;
import com.verdictdigest.templates.QuotedPrintable;
import com.verdictdigest.templates.SlotRegistry;
import com.verdictdigest.templates.SlottedText;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.templates.TextWrapper;
import com.verdictdigest.week.IsoWeek;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * An edition rendered once for everyone, ready to be personalised: per reader there is only
 * choosing their comparisons and their order, signing links, the small "Your bookmarks" section,
 * and copying the shared pieces around those values. The layout around the comparisons (subject,
 * headline) is rendered once per distinct selection of comparisons readers have.
 */
public final class RenderedEdition {
    private final Edition edition;
    private final SlottedText[][] htmlBlocks;
    private final SlottedText[][] textBlocks;
    private final Templates.Compiled bookmarksHtml;
    private final Templates.Compiled bookmarksText;
    private final LongFunction<SelectionLayout> layoutOf;
    private final Map<Long, SelectionLayout> layouts = new ConcurrentHashMap<>();
    private final SelectionLayout whole;
    private final int manage;
    private final int unsubscribe;
    private final int viewLink;
    private final int bookmarks;
    private final int comparisons;
    private final int[][] bookmarkSlots;
    private final int[][] voteSlots;
    /** The tool id behind each tool's slots (0: unknown), looked up once per edition. */
    private final long[][] toolIds;
    private final int slotCount;
    private final int htmlSizeHint;

    RenderedEdition(Edition edition, SlotRegistry slots, SlottedText[][] htmlBlocks, SlottedText[][] textBlocks,
                    Templates.Compiled bookmarksHtml, Templates.Compiled bookmarksText,
                    LongFunction<SelectionLayout> layoutOf) {
        this.edition = edition;
        this.htmlBlocks = htmlBlocks;
        this.textBlocks = textBlocks;
        this.bookmarksHtml = bookmarksHtml;
        this.bookmarksText = bookmarksText;
        this.layoutOf = layoutOf;
        this.manage = slots.id("manage");
        this.unsubscribe = slots.id("unsubscribe");
        this.viewLink = slots.id("view");
        this.bookmarks = slots.id("bookmarks");
        this.comparisons = slots.id("comparisons");
        int n = edition.comparisons().size();
        this.bookmarkSlots = new int[n][2];
        this.voteSlots = new int[n][2];
        this.toolIds = new long[n][2];
        for (int i = 0; i < n; i++) {
            Comparison c = edition.comparisons().get(i);
            for (int side = 0; side < 2; side++) {
                String name = side == 0 ? "left" : "right";
                bookmarkSlots[i][side] = slots.id(bookmarkSlot(i, name));
                voteSlots[i][side] = slots.id(voteSlot(i, name));
                toolIds[i][side] = edition.toolIds().getOrDefault((side == 0 ? c.left() : c.right()).slug(), 0L);
            }
        }
        this.slotCount = slots.size();
        this.whole = layout(edition.allComparisons());
        int size = whole.html().literalLength();
        for (SlottedText block : htmlBlocks[1]) {
            size += block.literalLength();
        }
        this.htmlSizeHint = size + 4096;
    }

    static String bookmarkSlot(int comparison, String side) {
        return "bookmark:" + comparison + ":" + side;
    }

    static String voteSlot(int comparison, String side) {
        return "vote:" + comparison + ":" + side;
    }

    /** The subject of the whole edition, as the operator and the archive see it. */
    public String subject() {
        return whole.subject();
    }

    /** The subject of a reader's copy: it names only what they chose. */
    public String subject(Selection selection) {
        return layoutFor(selection).subject();
    }

    /** What this reader gets of this edition at {@code now}, or why nothing. */
    public Selection select(Reader reader, Instant now) {
        return Selection.of(edition, reader, now);
    }

    /** A reader's copy as their preferences choose it now, as text and HTML, for previews and checks. */
    public DigestEmail personalize(Reader reader, LinkBuilder links) {
        return personalize(reader, select(reader, Instant.now()), links);
    }

    /**
     * A reader's copy as text and HTML, for previews and checks. A reader who would get nothing
     * this week is shown the whole edition.
     */
    public DigestEmail personalize(Reader reader, Selection selection, LinkBuilder links) {
        Personal p = personal(reader, selection, links);
        String html = new Writer(p, htmlBlocks, true).write(p.layout.html(), htmlSizeHint);
        String text = new Writer(p, textBlocks, false).write(p.layout.text(), html.length() / 3);
        return new DigestEmail(p.layout.subject(), html, text, p.values[unsubscribe]);
    }

    /**
     * The same copy as {@link #personalize}, as the quoted-printable bodies of its two parts: the
     * shared pieces were encoded once per edition, so per reader only the links and the bookmarks
     * section are encoded, and the rest is copied.
     */
    public WireCopy personalizeForWire(Reader reader, Selection selection, LinkBuilder links) {
        Personal p = personal(reader, selection, links);
        QuotedPrintable.Sink html = new QuotedPrintable.Sink(htmlSizeHint + htmlSizeHint / 8);
        p.layout.html().writeTo(html, new EncodedWriter(p, htmlBlocks, true));
        QuotedPrintable.Sink text = new QuotedPrintable.Sink(html.size() / 3);
        p.layout.text().writeTo(text, new EncodedWriter(p, textBlocks, false));
        return new WireCopy(text.toByteArray(), html.toByteArray(), p.values[unsubscribe]);
    }

    private SelectionLayout layoutFor(Selection selection) {
        return selection.isSkipped() || selection.comparisons() == 0 ? whole : layout(selection.comparisons());
    }

    private SelectionLayout layout(long selection) {
        SelectionLayout known = layouts.get(selection);
        if (known != null) {
            return known;
        }
        synchronized (layouts) { // the slot registry is not shared between threads while it renders
            return layouts.computeIfAbsent(selection, layoutOf::apply);
        }
    }

    /**
     * One reader's values: links (as text and as HTML), their layout, the order and marks of their
     * comparisons, the bookmarks section.
     */
    private record Personal(SelectionLayout layout, String[] values, String[] htmlValues, int[] order, boolean[] marked,
                            String sectionHtml, String sectionText) {
    }

    private Personal personal(Reader reader, Selection selection, LinkBuilder links) {
        SelectionLayout layout = layoutFor(selection);
        long chosen = selection.isSkipped() || selection.comparisons() == 0 ? edition.allComparisons() : selection.comparisons();
        IsoWeek week = edition.week();
        String[] urls = new String[slotCount];
        urls[manage] = links.link(new LinkToken(Purpose.MANAGE, reader.id(), week, 0));
        urls[unsubscribe] = links.link(new LinkToken(Purpose.UNSUBSCRIBE, reader.id(), week, 0));
        urls[viewLink] = links.link(new LinkToken(Purpose.VIEW, reader.id(), week, 0));
        List<Comparison> cs = edition.comparisons();
        Set<String> saved = new HashSet<>();
        for (Bookmark b : reader.bookmarks()) {
            saved.add(b.toolSlug());
        }
        int[] order = new int[Long.bitCount(chosen)];
        boolean[] marked = new boolean[cs.size()];
        int next = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < cs.size(); i++) {
                if ((chosen & (1L << i)) == 0) {
                    continue;
                }
                boolean hit = saved.contains(cs.get(i).left().slug()) || saved.contains(cs.get(i).right().slug());
                if (hit == (pass == 0)) {
                    order[next++] = i;
                    marked[i] = hit;
                }
            }
        }
        for (int i : order) {
            for (int side = 0; side < 2; side++) {
                urls[bookmarkSlots[i][side]] = links.link(new LinkToken(Purpose.BOOKMARK, reader.id(), week, toolIds[i][side]));
                urls[voteSlots[i][side]] = links.link(new LinkToken(Purpose.VOTE, reader.id(), week, toolIds[i][side]));
            }
        }

        String sectionHtml = "";
        String sectionText = "";
        if (!reader.bookmarks().isEmpty()) {
            Map<String, Object> ctx = Map.of("bookmarks", reader.bookmarks(), "fresh", layout.featuredTools(),
                    "manageUrl", urls[manage]);
            sectionHtml = TextWrapper.crlf(bookmarksHtml.render(ctx));
            sectionText = TextWrapper.crlf(TextWrapper.wrap(bookmarksText.render(ctx), EditionRenderer.TEXT_WIDTH));
        }

        String[] htmlUrls = new String[slotCount];
        for (int i = 0; i < slotCount; i++) {
            htmlUrls[i] = urls[i] == null ? null : Html.escape(urls[i]);
        }
        return new Personal(layout, urls, htmlUrls, order, marked, sectionHtml, sectionText);
    }

    /**
     * The edition as anyone may read it on the web: no reader's links. Bookmark and vote buttons
     * lead to the comparison on the site; manage, unsubscribe and view lead to {@code homeUrl} and
     * {@code selfUrl}.
     */
    public String publicHtml(String homeUrl, String selfUrl) {
        String[] urls = new String[slotCount];
        urls[manage] = Html.escape(homeUrl);
        urls[unsubscribe] = Html.escape(homeUrl);
        urls[viewLink] = Html.escape(selfUrl);
        List<Comparison> cs = edition.comparisons();
        int[] order = new int[cs.size()];
        for (int i = 0; i < cs.size(); i++) {
            order[i] = i;
            String page = Html.escape(cs.get(i).canonicalUrl().toString());
            for (int side = 0; side < 2; side++) {
                urls[bookmarkSlots[i][side]] = page;
                urls[voteSlots[i][side]] = page;
            }
        }
        Personal p = new Personal(whole, urls, urls, order, new boolean[cs.size()], "", "");
        return new Writer(p, htmlBlocks, true).write(whole.html(), htmlSizeHint);
    }

    /** Fills the slots of one part's quoted-printable body for one reader. */
    private final class EncodedWriter implements SlottedText.EncodedSlotValues {
        private final String[] values;
        private final String section;
        private final SlottedText[][] blocks;
        private final Personal p;

        EncodedWriter(Personal p, SlottedText[][] blocks, boolean html) {
            this.p = p;
            this.values = html ? p.htmlValues : p.values;
            this.section = html ? p.sectionHtml : p.sectionText;
            this.blocks = blocks;
        }

        @Override
        public void write(int slot, QuotedPrintable.Sink out) {
            if (slot == comparisons) {
                for (int i : p.order) {
                    blocks[p.marked[i] ? 1 : 0][i].writeTo(out, this);
                }
            } else if (slot == bookmarks) {
                QuotedPrintable.encode(section, out);
            } else if (values[slot] != null) {
                QuotedPrintable.encode(values[slot], out);
            }
        }
    }

    /** Fills the slots of one part (HTML or text) for one reader. */
    private final class Writer implements SlottedText.SlotValues {
        private final String[] values;
        private final String section;
        private final SlottedText[][] blocks;
        private final Personal p;

        Writer(Personal p, SlottedText[][] blocks, boolean html) {
            this.p = p;
            this.values = html ? p.htmlValues : p.values;
            this.section = html ? p.sectionHtml : p.sectionText;
            this.blocks = blocks;
        }

        String write(SlottedText layout, int sizeHint) {
            StringBuilder out = new StringBuilder(sizeHint);
            layout.writeTo(out, this);
            return out.toString();
        }

        @Override
        public void write(int slot, StringBuilder out) {
            if (slot == comparisons) {
                for (int i : p.order) {
                    blocks[p.marked[i] ? 1 : 0][i].writeTo(out, this);
                }
            } else if (slot == bookmarks) {
                out.append(section);
            } else if (values[slot] != null) {
                out.append(values[slot]);
            }
        }
    }
}
