package com.verdictdigest.catalog;

import java.util.List;

/**
 * The outcome of one import run.
 *
 * @param refused one line per page that did not go in: the page, then what is wrong with it
 */
public record ImportReport(int imported, int updated, int unchanged, List<String> refused) {

    public ImportReport {
        refused = List.copyOf(refused);
    }

    public String summary() {
        return "Import finished: " + imported + " imported, " + updated + " updated, " + unchanged + " unchanged, "
                + refused.size() + " refused";
    }
}
