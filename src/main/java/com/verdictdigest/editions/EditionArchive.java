package com.verdictdigest.editions;

import com.verdictdigest.catalog.CatalogRepository;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.digest.RenderedEdition;
import com.verdictdigest.week.IsoWeek;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Editions that went out, rendered for the web: a reader's own copy ("view in browser") and the
 * public archive. An edition's content is fixed when it is planned, so each is rendered once.
 */
public final class EditionArchive {
    private final EditionStore editions;
    private final CatalogRepository catalog;
    private final EditionRenderer renderer;
    private final Map<IsoWeek, RenderedEdition> rendered = new ConcurrentHashMap<>();

    public EditionArchive(EditionStore editions, CatalogRepository catalog, EditionRenderer renderer) {
        this.editions = editions;
        this.catalog = catalog;
        this.renderer = renderer;
    }

    /** Editions that went out to readers (sent, being sent, or stopped after some were sent), newest first. */
    public List<EditionRecord> published() {
        return editions.all().stream().filter(EditionArchive::wentOut).toList();
    }

    public Optional<RenderedEdition> edition(IsoWeek week) {
        return editions.find(week).filter(EditionArchive::wentOut)
                .map(e -> rendered.computeIfAbsent(week, w -> renderer.render(EditionContent.frozen(e, editions, catalog))));
    }

    private static boolean wentOut(EditionRecord edition) {
        return edition.audience() != null && edition.status() != EditionStatus.SKIPPED;
    }
}
