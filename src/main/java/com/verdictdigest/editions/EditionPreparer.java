package com.verdictdigest.editions;

import com.verdictdigest.catalog.CatalogRepository;
import com.verdictdigest.catalog.Comparison;
import com.verdictdigest.digest.DigestConfig;
import com.verdictdigest.digest.DigestEmail;
import com.verdictdigest.digest.Edition;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.digest.RenderedEdition;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.mail.MessageComposer;
import com.verdictdigest.week.IsoWeek;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes a week's edition ready to send: finds the one planned before or plans it from the catalog,
 * freezes its comparisons in its row (so a resumed send or a later view shows the same issue),
 * renders it once and runs preflight on a sample copy.
 */
public final class EditionPreparer {
    private final EditionStore editions;
    private final CatalogRepository catalog;
    private final EditionPlanner planner;
    private final EditionRenderer renderer;
    private final Preflight preflight;
    private final MessageComposer composer;
    private final LinkBuilder links;
    private final boolean sendEmpty;
    private final Supplier<Map<String, String>> readerTallies;

    /** @param readerTallies the readers' ship-or-skip tally lines to show now, by tool slug */
    public EditionPreparer(EditionStore editions, CatalogRepository catalog, EditionRenderer renderer, DigestConfig digest,
                           MessageComposer composer, LinkBuilder links, Supplier<Map<String, String>> readerTallies) {
        this.editions = editions;
        this.catalog = catalog;
        this.planner = new EditionPlanner(catalog, digest);
        this.renderer = renderer;
        this.preflight = new Preflight(digest);
        this.composer = composer;
        this.links = links;
        this.sendEmpty = digest.sendEmpty();
        this.readerTallies = readerTallies;
    }

    /**
     * @param record whether to record a newly planned edition (not for previews, test sends and dry runs)
     * @throws PreflightException when the email has problems: nothing is sent
     */
    public PreparedEdition prepare(IsoWeek week, boolean record) {
        PreparedEdition prepared = draft(week, record);
        List<String> problems = preflight(prepared.copyFor(prepared.sampleReader("preflight@example.com")));
        if (!problems.isEmpty()) {
            throw new PreflightException(week, problems);
        }
        return prepared;
    }

    /** The edition planned or found and rendered, not yet checked (the operator's preview checks it and shows the problems). */
    public PreparedEdition draft(IsoWeek week, boolean record) {
        Optional<EditionRecord> existing = editions.find(week);
        // The comparisons are frozen with the edition; the readers' tallies are today's.
        Map<String, String> tallies = readerTallies.get();
        Edition edition = existing.map(e -> EditionContent.frozen(e, editions, catalog)).orElseGet(() -> planner.plan(week))
                .withReaderTallies(tallies);
        RenderedEdition rendered = renderer.render(edition);
        EditionRecord planned = existing.orElse(null);
        if (planned == null && record) {
            List<String> slugs = edition.comparisons().stream().map(Comparison::slug).toList();
            planned = editions.plan(week, rendered.subject(), slugs, edition.moreCount());
            if (!editions.comparisonSlugs(planned.id()).equals(slugs)) {
                // Another process planned this week a moment earlier, from another catalog: send its edition.
                edition = EditionContent.frozen(planned, editions, catalog).withReaderTallies(tallies);
                rendered = renderer.render(edition);
            }
        }
        return new PreparedEdition(planned, edition, rendered, composer, links, sendEmpty);
    }

    /** What preflight finds wrong with a copy; empty when it may go out. */
    public List<String> preflight(DigestEmail copy) {
        return preflight.check(copy);
    }
}
