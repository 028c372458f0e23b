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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An edition rendered once for everyone, ready to be personalised: per reader there is only
 * signing links, choosing the order of comparisons, the small "Your bookmarks" section, and
 * copying the shared pieces around those values.
 */
public final class RenderedEdition {
    private final Edition edition;
    private final EditionView view;
    private final SlottedText htmlLayout;
    private final SlottedText textLayout;
    private final SlottedText[][] htmlBlocks;
    private final SlottedText[][] textBlocks;
    private final Templates.Compiled bookmarksHtml;
    private final Templates.Compiled bookmarksText;
    private final int manage;
    private final int unsubscribe;
    private final int viewLink;
    private final int bookmarks;
    private final int comparisons;
    private final int[][] bookmarkSlots;
    /** The tool id behind each bookmark slot (0: unknown), looked up once per edition. */
    private final long[][] bookmarkToolIds;
    private final int slotCount;
    /** The slugs of the tools this edition features: a bookmark among them has a new verdict. */
    private final Set<String> featuredTools = new HashSet<>();
    private final int htmlSizeHint;

    RenderedEdition(Edition edition, EditionView view, SlotRegistry slots, SlottedText htmlLayout,
                    SlottedText textLayout, SlottedText[][] htmlBlocks, SlottedText[][] textBlocks,
                    Templates.Compiled bookmarksHtml, Templates.Compiled bookmarksText) {
        this.edition = edition;
        this.view = view;
        this.htmlLayout = htmlLayout;
        this.textLayout = textLayout;
        this.htmlBlocks = htmlBlocks;
        this.textBlocks = textBlocks;
        this.bookmarksHtml = bookmarksHtml;
        this.bookmarksText = bookmarksText;
        this.manage = slots.id("manage");
        this.unsubscribe = slots.id("unsubscribe");
        this.viewLink = slots.id("view");
        this.bookmarks = slots.id("bookmarks");
        this.comparisons = slots.id("comparisons");
        this.bookmarkSlots = new int[edition.comparisons().size()][2];
        this.bookmarkToolIds = new long[edition.comparisons().size()][2];
        for (int i = 0; i < bookmarkSlots.length; i++) {
            Comparison c = edition.comparisons().get(i);
            bookmarkSlots[i][0] = slots.id(bookmarkSlot(i, "left"));
            bookmarkSlots[i][1] = slots.id(bookmarkSlot(i, "right"));
            bookmarkToolIds[i][0] = edition.toolIds().getOrDefault(c.left().slug(), 0L);
            bookmarkToolIds[i][1] = edition.toolIds().getOrDefault(c.right().slug(), 0L);
        }
        this.slotCount = slots.size();
        for (Comparison c : edition.comparisons()) {
            featuredTools.add(c.left().slug());
            featuredTools.add(c.right().slug());
        }
        int size = htmlLayout.literalLength();
        for (SlottedText block : htmlBlocks[1]) {
            size += block.literalLength();
        }
        this.htmlSizeHint = size + 4096;
    }

    static String bookmarkSlot(int comparison, String side) {
        return "bookmark:" + comparison + ":" + side;
    }

    public String subject() {
        return view.subject();
    }

    public DigestEmail personalize(Reader reader, LinkBuilder links) {
        Personal p = personal(reader, links);
        String html = new Writer(p.htmlValues, p.sectionHtml, htmlBlocks, p.order, p.marked).write(htmlLayout, htmlSizeHint);
        String text = new Writer(p.values, p.sectionText, textBlocks, p.order, p.marked).write(textLayout, html.length() / 3);
        return new DigestEmail(view.subject(), html, text, p.values[unsubscribe]);
    }

    /**
     * The same copy as {@link #personalize}, as the quoted-printable bodies of its two parts: the
     * shared pieces were encoded once per edition, so per reader only the links and the bookmarks
     * section are encoded, and the rest is copied.
     */
    public WireCopy personalizeForWire(Reader reader, LinkBuilder links) {
        Personal p = personal(reader, links);
        QuotedPrintable.Sink html = new QuotedPrintable.Sink(htmlSizeHint + htmlSizeHint / 8);
        htmlLayout.writeTo(html, new EncodedWriter(p.htmlValues, p.sectionHtml, htmlBlocks, p.order, p.marked));
        QuotedPrintable.Sink text = new QuotedPrintable.Sink(html.size() / 3);
        textLayout.writeTo(text, new EncodedWriter(p.values, p.sectionText, textBlocks, p.order, p.marked));
        return new WireCopy(text.toByteArray(), html.toByteArray(), p.values[unsubscribe]);
    }

    /** One reader's values: links (as text and as HTML), the order and marks of comparisons, the bookmarks section. */
    private record Personal(String[] values, String[] htmlValues, int[] order, boolean[] marked, String sectionHtml,
                            String sectionText) {
    }

    private Personal personal(Reader reader, LinkBuilder links) {
        IsoWeek week = edition.week();
        String[] urls = new String[slotCount];
        urls[manage] = links.link(new LinkToken(Purpose.MANAGE, reader.id(), week, 0));
        urls[unsubscribe] = links.link(new LinkToken(Purpose.UNSUBSCRIBE, reader.id(), week, 0));
        urls[viewLink] = links.link(new LinkToken(Purpose.VIEW, reader.id(), week, 0));
        List<Comparison> cs = edition.comparisons();
        for (int i = 0; i < cs.size(); i++) {
            for (int side = 0; side < 2; side++) {
                urls[bookmarkSlots[i][side]] = links.link(new LinkToken(Purpose.BOOKMARK, reader.id(), week, bookmarkToolIds[i][side]));
            }
        }

        Set<String> saved = new HashSet<>();
        for (Bookmark b : reader.bookmarks()) {
            saved.add(b.toolSlug());
        }
        int[] order = new int[cs.size()];
        boolean[] marked = new boolean[cs.size()];
        int next = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < cs.size(); i++) {
                boolean hit = saved.contains(cs.get(i).left().slug()) || saved.contains(cs.get(i).right().slug());
                if (hit == (pass == 0)) {
                    order[next++] = i;
                    marked[i] = hit;
                }
            }
        }

        String sectionHtml = "";
        String sectionText = "";
        if (!reader.bookmarks().isEmpty()) {
            Map<String, Object> ctx = Map.of("bookmarks", reader.bookmarks(), "fresh", featuredTools, "manageUrl", urls[manage]);
            sectionHtml = TextWrapper.crlf(bookmarksHtml.render(ctx));
            sectionText = TextWrapper.crlf(TextWrapper.wrap(bookmarksText.render(ctx), EditionRenderer.TEXT_WIDTH));
        }

        String[] htmlUrls = new String[slotCount];
        for (int i = 0; i < slotCount; i++) {
            htmlUrls[i] = urls[i] == null ? null : Html.escape(urls[i]);
        }
        return new Personal(urls, htmlUrls, order, marked, sectionHtml, sectionText);
    }


    /**
     * The edition as anyone may read it on the web: no reader's links. Bookmark buttons lead to the
     * comparison on the site; manage, unsubscribe and view lead to {@code homeUrl} and {@code selfUrl}.
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
            urls[bookmarkSlots[i][0]] = Html.escape(cs.get(i).canonicalUrl().toString());
            urls[bookmarkSlots[i][1]] = urls[bookmarkSlots[i][0]];
        }
        return new Writer(urls, "", htmlBlocks, order, new boolean[cs.size()]).write(htmlLayout, htmlSizeHint);
    }

    /** Fills the slots of one part's quoted-printable body for one reader. */
    private final class EncodedWriter implements SlottedText.EncodedSlotValues {
        private final String[] values;
        private final String section;
        private final SlottedText[][] blocks;
        private final int[] order;
        private final boolean[] marked;

        EncodedWriter(String[] values, String section, SlottedText[][] blocks, int[] order, boolean[] marked) {
            this.values = values;
            this.section = section;
            this.blocks = blocks;
            this.order = order;
            this.marked = marked;
        }

        @Override
        public void write(int slot, QuotedPrintable.Sink out) {
            if (slot == comparisons) {
                for (int i : order) {
                    blocks[marked[i] ? 1 : 0][i].writeTo(out, this);
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
        private final int[] order;
        private final boolean[] marked;

        Writer(String[] values, String section, SlottedText[][] blocks, int[] order, boolean[] marked) {
            this.values = values;
            this.section = section;
            this.blocks = blocks;
            this.order = order;
            this.marked = marked;
        }

        String write(SlottedText layout, int sizeHint) {
            StringBuilder out = new StringBuilder(sizeHint);
            layout.writeTo(out, this);
            return out.toString();
        }

        @Override
        public void write(int slot, StringBuilder out) {
            if (slot == comparisons) {
                for (int i : order) {
                    blocks[marked[i] ? 1 : 0][i].writeTo(out, this);
                }
            } else if (slot == bookmarks) {
                out.append(section);
            } else if (values[slot] != null) {
                out.append(values[slot]);
            }
        }
    }
}
