package com.verdictdigest.catalog;

import com.verdictdigest.store.StoreException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the site into the catalog. A source is a comparison page, an index page (whose links are
 * followed), or a folder of pages; one bad page is reported and skipped, never fatal to the others.
 */
public final class CatalogImporter {
    private static final Logger log = LoggerFactory.getLogger(CatalogImporter.class);
    /** The keyword for the sample site bundled in the jar. */
    public static final String SAMPLE = "sample";

    private final CatalogConfig config;
    private final PageFetcher fetcher;
    private final CatalogRepository repository;

    public CatalogImporter(CatalogConfig config, CatalogRepository repository) {
        this.config = config;
        this.fetcher = new PageFetcher(config);
        this.repository = repository;
    }

    public ImportReport importFrom(List<String> sources) {
        Run run = new Run();
        for (String source : sources.isEmpty() ? List.of(config.source()) : sources) {
            List<URL> pages;
            try {
                pages = expand(source);
            } catch (PageRejectedException e) {
                run.refuse(source, e.getMessage());
                continue;
            }
            for (URL page : pages) {
                run.read(page, true);
            }
        }
        return new ImportReport(run.imported, run.updated, run.unchanged, run.refused);
    }

    /** One import: pages seen so far (a folder's index and its pages name the same files) and the tallies. */
    private final class Run {
        private final Set<String> seen = new LinkedHashSet<>();
        private final List<String> refused = new ArrayList<>();
        private int imported;
        private int updated;
        private int unchanged;

        void read(URL page, boolean mayBeIndex) {
            if (!seen.add(page.toString())) {
                return;
            }
            Document doc;
            try {
                doc = fetcher.fetch(page);
            } catch (PageRejectedException e) {
                refuse(display(page), e.getMessage());
                return;
            }
            if (ComparisonPageParser.isComparison(doc)) {
                store(page, doc);
            } else if (mayBeIndex && doc.selectFirst("ol.comparisons") != null) {
                followIndex(page, doc);
            } else {
                refuse(display(page), "neither a comparison page (article.comparison) nor an index (ol.comparisons)");
            }
        }

        private void store(URL page, Document doc) {
            try {
                Comparison c = ComparisonPageParser.parse(doc);
                switch (repository.save(c)) {
                    case INSERTED -> {
                        imported++;
                        log.info("Imported {}", c.slug());
                    }
                    case UPDATED -> {
                        updated++;
                        log.info("Updated {}", c.slug());
                    }
                    case UNCHANGED -> {
                        unchanged++;
                        log.debug("Unchanged {}", c.slug());
                    }
                }
            } catch (PageRejectedException e) {
                refuse(display(page), e.getMessage());
            } catch (StoreException e) {
                if (!(e.getCause() instanceof java.sql.SQLException sql && "22001".equals(sql.getSQLState()))) {
                    throw e; // a database that is down fails the import, as before
                }
                // A value the store finds too long all the same (a limit the contract does not know of): the rest go on.
                refuse(display(page), "could not be stored: " + e.getMessage());
            }
        }

        private void followIndex(URL index, Document doc) {
            List<Element> links = doc.select("ol.comparisons li.comparison-link a[href]");
            if (links.size() > config.maxPagesPerIndex()) {
                refuse(display(index), "lists " + links.size() + " pages; only the first "
                        + config.maxPagesPerIndex() + " were read (catalog.max-pages)");
                links = links.subList(0, config.maxPagesPerIndex());
            }
            for (Element link : links) {
                String href = link.attr("href");
                URL target;
                try {
                    target = new URL(index, href);
                } catch (MalformedURLException e) {
                    refuse(display(index), "link '" + href + "' is not a valid address");
                    continue;
                }
                if (!sameOrigin(index, target)) {
                    // An index may only lead to pages of its own site: no fetching arbitrary hosts or files.
                    refuse(display(index), "link '" + href + "' leaves the index's own site; not followed");
                    continue;
                }
                read(target, false);
            }
        }

        void refuse(String page, String why) {
            String line = page + ": " + why;
            refused.add(line);
            log.warn("Refused {}", line);
        }
    }

    /** The pages a source names: the sample site, an http(s) address, a file, or every .html file of a folder. */
    private static List<URL> expand(String source) throws PageRejectedException {
        try {
            if (source.equals(SAMPLE)) {
                return List.of(Objects.requireNonNull(
                        CatalogImporter.class.getResource("/sample-site/compare/index.html"), "sample site"));
            }
            if (source.startsWith("http://") || source.startsWith("https://")) {
                return List.of(new URL(source));
            }
            Path path = Path.of(source);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    List<URL> pages = new ArrayList<>();
                    for (Path p : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                        pages.add(p.toUri().toURL());
                    }
                    if (pages.isEmpty()) {
                        throw new PageRejectedException("folder holds no .html pages");
                    }
                    return pages;
                }
            }
            if (!Files.exists(path)) {
                throw new PageRejectedException("no such file or folder");
            }
            return List.of(path.toUri().toURL());
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new PageRejectedException("cannot read: " + e.getMessage());
        }
    }

    private static boolean sameOrigin(URL a, URL b) {
        if (!a.getProtocol().equals(b.getProtocol())) {
            return false;
        }
        if (a.getProtocol().equals("jar")) {
            return a.getPath().substring(0, a.getPath().indexOf('!') + 1)
                    .equals(b.getPath().substring(0, Math.max(0, b.getPath().indexOf('!') + 1)));
        }
        return Objects.equals(a.getHost(), b.getHost()) && a.getPort() == b.getPort();
    }

    /** How a page is named in messages: a path for files, the address otherwise. */
    private static String display(URL page) {
        String s = page.toString();
        if (page.getProtocol().equals("file")) {
            try {
                return Path.of(page.toURI()).toString();
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                return s;
            }
        }
        int bang = s.indexOf("!/");
        return page.getProtocol().equals("jar") && bang > 0 ? SAMPLE + ":" + s.substring(bang + 2) : s;
    }
}
