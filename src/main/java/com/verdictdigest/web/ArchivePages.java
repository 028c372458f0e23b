package com.verdictdigest.web;

import com.verdictdigest.editions.EditionArchive;
import com.verdictdigest.editions.EditionRecord;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.templates.XmlText;
import com.verdictdigest.week.IsoWeek;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /digests}: the sent editions (their non-personal part) and an Atom feed (RFC 4287). */
final class ArchivePages {
    private final Pages pages;
    private final EditionArchive archive;
    private final LinkBuilder links;

    ArchivePages(Pages pages, EditionArchive archive, LinkBuilder links) {
        this.pages = pages;
        this.archive = archive;
        this.links = links;
    }

    void list(Context ctx) {
        pages.render(ctx, 200, "archive.html.vm", Map.of("title", "Past issues", "editions", archive.published()));
    }

    void edition(Context ctx) {
        IsoWeek week;
        try {
            week = IsoWeek.parse(ctx.pathParam("week"));
        } catch (IllegalArgumentException e) {
            pages.notValid(ctx);
            return;
        }
        archive.edition(week).ifPresentOrElse(e -> ctx.contentType("text/html; charset=utf-8")
                        .result(e.publicHtml(links.page("/"), links.page("/digests/" + week))),
                () -> pages.notValid(ctx));
    }

    void feed(Context ctx) {
        List<EditionRecord> editions = archive.published();
        Instant updated = editions.stream().map(e -> e.finishedAt() != null ? e.finishedAt() : e.createdAt())
                .max(Instant::compareTo).orElse(Instant.EPOCH);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("<title>Weekly AI Tool Verdicts</title>\n")
                .append("<id>").append(XmlText.escape(links.page("/digests"))).append("</id>\n")
                .append("<link rel=\"self\" href=\"").append(XmlText.escape(links.page("/digests/feed.atom"))).append("\"/>\n")
                .append("<updated>").append(updated).append("</updated>\n")
                .append("<author><name>Weekly AI Tool Verdicts</name></author>\n");
        for (EditionRecord e : editions) {
            String url = links.page("/digests/" + e.week());
            xml.append("<entry>\n<title>").append(XmlText.escape(e.subject())).append("</title>\n")
                    .append("<id>").append(XmlText.escape(url)).append("</id>\n")
                    .append("<link href=\"").append(XmlText.escape(url)).append("\"/>\n")
                    .append("<updated>").append(e.finishedAt() != null ? e.finishedAt() : e.createdAt()).append("</updated>\n")
                    .append("<summary>").append(XmlText.escape(e.comparisons() + " new verdicts in week " + e.week().week()))
                    .append("</summary>\n</entry>\n");
        }
        xml.append("</feed>\n");
        ctx.contentType("application/atom+xml; charset=utf-8").result(xml.toString());
    }
}
