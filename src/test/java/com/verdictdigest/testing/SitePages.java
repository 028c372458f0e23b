package com.verdictdigest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** The site's example pages, as the project bundles them for its demo, and variants made from them. */
public final class SitePages {
    public static final Path SAMPLE_SITE = Path.of("src/main/resources/sample-site/compare");
    public static final Path SEED = SAMPLE_SITE.resolve("mistral-3-small-22b-vs-gpt-5-fine-tuning-api.html");

    private SitePages() {
    }

    public static String seedHtml() {
        try {
            return Files.readString(SEED, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Document seed() {
        return Jsoup.parse(seedHtml(), "https://verdicts.example/compare/");
    }

    /** Dates the page's publication (and last change) at {@code when}. */
    public static void publishedAt(Document doc, Instant when) {
        doc.selectFirst("meta[property=article:published_time]").attr("content", when.toString());
        doc.selectFirst("meta[property=article:modified_time]").attr("content", when.toString());
    }

    /**
     * A site of three pages, the middle one with a title one character over the limit: the first
     * and last published {@code at}, each a comparison of its own.
     */
    public static Path siteWithAnOverLongMiddlePage(Path dir, Instant at) throws IOException {
        Path site = Files.createDirectories(dir);
        variantWithSlug(site, "a-first", doc -> publishedAt(doc, at));
        variantWithSlug(site, "b-too-long", doc -> {
            publishedAt(doc, at);
            doc.selectFirst("article h1").text("T".repeat(1_001));
        });
        variantWithSlug(site, "c-last", doc -> publishedAt(doc, at));
        return site;
    }

    /** The seed page changed by {@code change}, written as {@code name} into {@code dir}. */
    public static Path variant(Path dir, String name, Consumer<Document> change) {
        Document doc = seed();
        change.accept(doc);
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, doc.outerHtml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A variant that also carries a different comparison slug, so it is a page of its own. */
    public static Path variantWithSlug(Path dir, String slug, Consumer<Document> change) {
        return variant(dir, slug + ".html", doc -> {
            doc.selectFirst("article.comparison").attr("data-slug", slug);
            change.accept(doc);
        });
    }
}
