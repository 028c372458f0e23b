package com.verdictdigest.editions;

import com.verdictdigest.digest.DigestConfig;
import com.verdictdigest.digest.DigestEmail;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.subscribers.WelcomeEmail;
import com.verdictdigest.templates.Slot;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Checks a rendered email before anyone receives it. Every problem is one line; any problem stops
 * a send (an operator would rather fix a template than mail thousands of broken messages).
 */
public final class Preflight {
    private final DigestConfig config;

    public Preflight(DigestConfig config) {
        this.config = config;
    }

    public List<String> check(DigestEmail email) {
        List<String> problems = new ArrayList<>();
        int bytes = email.html().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > config.maxHtmlBytes()) {
            problems.add(String.format(Locale.ROOT, "HTML is %,d bytes, over digest.max-html-bytes (%,d); "
                    + "Gmail clips messages past 102 KB", bytes, config.maxHtmlBytes()));
        }
        Document doc = Jsoup.parse(email.html());
        boolean localDemo = isLocal(config.baseUrl());
        boolean unsubscribeInHtml = false;
        for (Element e : doc.select("a[href], img[src], link[href], area[href]")) {
            String attr = e.hasAttr("href") ? "href" : "src";
            String target = e.attr(attr).strip();
            if (target.equals(email.unsubscribeUrl())) {
                unsubscribeInHtml = true;
            }
            URI uri;
            try {
                uri = new URI(target);
            } catch (java.net.URISyntaxException ex) {
                problems.add("invalid link '" + target + "' in <" + e.tagName() + ">");
                continue;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("mailto")) {
                continue;
            }
            if (scheme.isEmpty()) {
                problems.add("relative link '" + target + "' in <" + e.tagName() + ">: emails need absolute links");
            } else if (!scheme.equals("http") && !scheme.equals("https")) {
                problems.add("link '" + target + "' uses " + scheme + ": only https and mailto belong in an email");
            } else if (uri.getHost() == null) {
                problems.add("link '" + target + "' in <" + e.tagName() + "> has no host");
            } else if (scheme.equals("http") && !(localDemo && isLocal(uri))) {
                problems.add("insecure link '" + target + "': use https");
            }
        }
        for (Element img : doc.select("img")) {
            if (!img.hasAttr("alt")) {
                problems.add("image without alt text: " + img.attr("src"));
            }
        }
        if (!unsubscribeInHtml) {
            problems.add("no unsubscribe link in the HTML part");
        }
        if (!email.text().contains(email.unsubscribeUrl())) {
            problems.add("no unsubscribe link in the text part");
        }
        String[] lines = email.text().split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (lines[i].length() > EditionRenderer.TEXT_WIDTH && !(line.indexOf(' ') < 0 && line.contains("://"))) {
                problems.add("text line " + (i + 1) + " is " + lines[i].length() + " characters, over "
                        + EditionRenderer.TEXT_WIDTH);
            }
        }
        if (email.html().indexOf(Slot.DELIMITER) >= 0 || email.text().indexOf(Slot.DELIMITER) >= 0) {
            problems.add("an unfilled personal slot is left in the message");
        }
        return problems;
    }

    /** The same checks on a welcome email: it goes to one reader at a time, but a broken one to every new reader. */
    public List<String> check(WelcomeEmail email) {
        return check(new DigestEmail(email.subject(), email.html(), email.text(), email.unsubscribeUrl()));
    }

    static boolean isLocal(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }
}
