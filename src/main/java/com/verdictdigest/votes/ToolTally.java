package com.verdictdigest.votes;

import java.util.LinkedHashMap;
import java.util.Map;

/** A tool's tally with the tool's name, as the site's API and the {@code votes} command give it. */
public record ToolTally(String name, Tally tally) {

    /** The fields of one tool in {@code GET /api/votes} and {@code votes --format json}, in that order. */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slug", tally.toolSlug());
        m.put("name", name);
        m.put("ship", tally.ship());
        m.put("skip", tally.skip());
        m.put("votes", tally.votes());
        m.put("shipPercent", tally.shipPercent());
        return m;
    }
}
