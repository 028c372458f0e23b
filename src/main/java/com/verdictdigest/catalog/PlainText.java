package com.verdictdigest.catalog;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Sanitised description HTML as plain text: paragraphs as blank-line-separated blocks, list items as
 * "- ", links written out after their text (a text part must show every link).
 */
public final class PlainText {
    private PlainText() {
    }

    public static String of(SanitizedHtml html) {
        StringBuilder out = new StringBuilder();
        walk(Jsoup.parseBodyFragment(html.html()).body(), out);
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static void walk(Node node, StringBuilder out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode text) {
                out.append(text.text().replaceAll("\\s+", " "));
            } else if (child instanceof Element e) {
                switch (e.tagName()) {
                    case "p", "blockquote", "ul", "ol" -> {
                        out.append("\n\n");
                        walk(e, out);
                        out.append("\n\n");
                    }
                    case "li" -> {
                        out.append("\n- ");
                        walk(e, out);
                    }
                    case "br" -> out.append('\n');
                    case "a" -> {
                        walk(e, out);
                        out.append(" (").append(e.attr("href")).append(')');
                    }
                    default -> walk(e, out);
                }
            }
        }
    }
}
