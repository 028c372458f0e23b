package com.verdictdigest.editions;

import com.verdictdigest.catalog.CatalogRepository;
import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.digest.Edition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The comparisons an edition was planned with, so a resumed send or a later view shows the same issue. */
final class EditionContent {
    private EditionContent() {
    }

    static Edition frozen(EditionRecord record, EditionStore editions, CatalogRepository catalog) {
        Map<String, Comparison> bySlug = new HashMap<>();
        for (Comparison c : catalog.all()) {
            bySlug.put(c.slug(), c);
        }
        List<Comparison> comparisons = editions.comparisonSlugs(record.id()).stream()
                .map(bySlug::get).filter(Objects::nonNull).toList();
        return new Edition(record.week(), comparisons, record.moreCount(), catalog.toolIds());
    }
}
