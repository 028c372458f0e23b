package com.verdictdigest.admin;

import com.verdictdigest.templates.Html;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;
import java.util.stream.IntStream;

/**
 * An SVG line chart, drawn on the server (no script): per edition, its readers, unsubscribes,
 * bookmarks, hard bounces and complaints (the last two in readers, as in the table).
 */
final class HistoryChart {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 220;
    private static final int PAD = 36;

    private HistoryChart() {
    }

    /** @param editions oldest first */
    static String svg(List<EditionFigures> editions) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Readers, unsubscribes, bookmarks, hard bounces and complaints per edition\" style=\"width:100%;height:auto\">");
        if (editions.isEmpty()) {
            return svg.append("<text x=\"20\" y=\"40\" fill=\"#6b7280\">No editions yet.</text></svg>").toString();
        }
        int max = 1;
        for (EditionFigures e : editions) {
            max = Math.max(max, IntStream.of(e.recipients(), e.unsubscribes(), e.bookmarks(), e.bounces(), e.complaints()).max().orElse(0));
        }
        svg.append("<line x1=\"").append(PAD).append("\" y1=\"").append(HEIGHT - PAD).append("\" x2=\"").append(WIDTH - 10)
                .append("\" y2=\"").append(HEIGHT - PAD).append("\" stroke=\"#9ca3af\"/>");
        svg.append("<text x=\"4\" y=\"").append(PAD - 8).append("\" font-size=\"11\" fill=\"#6b7280\">").append(max).append("</text>");
        series(svg, editions, max, EditionFigures::recipients, "#4338ca", "readers");
        series(svg, editions, max, EditionFigures::unsubscribes, "#b91c1c", "unsubscribes");
        series(svg, editions, max, EditionFigures::bookmarks, "#15803d", "bookmarks");
        series(svg, editions, max, EditionFigures::bounces, "#b45309", "hard bounces");
        series(svg, editions, max, EditionFigures::complaints, "#7e22ce", "complaints");
        for (int i = 0; i < editions.size(); i++) {
            svg.append("<text x=\"").append(x(i, editions.size())).append("\" y=\"").append(HEIGHT - PAD + 16)
                    .append("\" font-size=\"11\" text-anchor=\"middle\" fill=\"#6b7280\">")
                    .append(Html.escape(editions.get(i).week())).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    private static void series(StringBuilder svg, List<EditionFigures> editions, int max, ToIntFunction<EditionFigures> value,
                               String colour, String label) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < editions.size(); i++) {
            double y = HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * value.applyAsInt(editions.get(i)) / max;
            points.append(String.format(Locale.ROOT, "%d,%.1f ", x(i, editions.size()), y));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s: %d</title></circle>",
                    x(i, editions.size()), y, colour, Html.escape(editions.get(i).week()), label, value.applyAsInt(editions.get(i))));
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                .append(points.toString().strip()).append("\"><title>").append(label).append("</title></polyline>");
    }

    private static int x(int i, int n) {
        return n == 1 ? WIDTH / 2 : PAD + 20 + i * (WIDTH - 2 * PAD - 30) / (n - 1);
    }
}
