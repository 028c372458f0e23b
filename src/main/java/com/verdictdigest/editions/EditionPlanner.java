package com.verdictdigest.editions;

import com.verdictdigest.catalog.CatalogRepository;
import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.digest.DigestConfig;
import com.verdictdigest.digest.Edition;
import com.verdictdigest.week.IsoWeek;
import java.util.List;

/** Chooses an edition's comparisons: those published in its week, in the configured time zone. */
public final class EditionPlanner {
    private final CatalogRepository catalog;
    private final DigestConfig config;

    public EditionPlanner(CatalogRepository catalog, DigestConfig config) {
        this.catalog = catalog;
        this.config = config;
    }

    public Edition plan(IsoWeek week) {
        List<Comparison> all = catalog.publishedBetween(week.start(config.zone()), week.end(config.zone()));
        List<Comparison> chosen = all.subList(0, Math.min(all.size(), config.maxComparisons()));
        return new Edition(week, chosen, all.size() - chosen.size(), catalog.toolIds());
    }
}
