package com.verdictdigest.web;

import com.verdictdigest.votes.Votes;
import io.javalin.http.Context;

/**
 * {@code GET /api/votes}: the readers' tallies of every tool with votes, for the site to show. The
 * figures are public and name no reader; every tally is given, with the threshold the digest uses
 * ({@code minReaders}), and the site decides what to show.
 */
final class VotesApi {
    private final Votes votes;

    VotesApi(Votes votes) {
        this.votes = votes;
    }

    void tallies(Context ctx) {
        // Shared caches may keep it a few minutes; the site's pages may read it from their own origin.
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.json(votes.published());
    }
}
