package com.verdictdigest.catalog;

/**
 * The longest value each field of a comparison may have, in characters: what the catalog's columns
 * hold (db/migration/V1__catalog.sql). A page with a longer one is refused when it is read, like any
 * page that breaks the markup contract, so one page never stops an import at the store.
 */
final class FieldLimits {
    static final int TITLE = 1_000;
    static final int STANDFIRST = 4_000;
    static final int URL = 2_000;
    static final int TOOL_NAME = 500;
    static final int TAGLINE = 2_000;
    static final int CATEGORY = 500;
    static final int ENTRY = 200;
    static final int PRICING = 4_000;
    static final int BEST_FOR = 4_000;
    static final int DESCRIPTION_HTML = 100_000;
    static final int PERSONA = 20;
    static final int PERSONA_NAME = 100;
    static final int TAKE = 20_000;

    private FieldLimits() {
    }

    /** Refuses the comparison when a field is longer than its column. */
    static void check(Comparison c) throws PageRejectedException {
        within("title", c.title(), TITLE);
        within("standfirst (p.dek)", c.standfirst(), STANDFIRST);
        within("canonical address", c.canonicalUrl().toString(), URL);
        for (ToolFigures t : new ToolFigures[] {c.left(), c.right()}) {
            String side = t.side().word() + " tool";
            within(side + " name", t.name(), TOOL_NAME);
            within(side + " tagline", t.tagline(), TAGLINE);
            within(side + " category", t.category(), CATEGORY);
            within(side + " entry price", t.entry(), ENTRY);
            within(side + " pricing", t.pricing(), PRICING);
            within(side + " best for", t.bestFor(), BEST_FOR);
            within(side + " description (after sanitising)", t.description().html(), DESCRIPTION_HTML);
            for (Review r : t.reviews()) {
                within(side + " review persona", r.persona(), PERSONA);
                within(side + " review persona name", r.personaName(), PERSONA_NAME);
                within(side + " " + r.persona() + " review take", r.take(), TAKE);
            }
        }
    }

    private static void within(String field, String value, int max) throws PageRejectedException {
        if (value.length() > max) {
            throw new PageRejectedException(field + " is " + value.length() + " characters long; at most " + max + " are allowed");
        }
    }
}
