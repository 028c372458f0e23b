package com.verdictdigest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** The site's published example pages (read-only in ../shared/site) and variants made from them. */
public final class SitePages {
    public static final Path SHARED_SITE = Path.of("../shared/site/compare");
    public static final Path SEED = SHARED_SITE.resolve("mistral-3-small-22b-vs-gpt-5-fine-tuning-api.html");

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
