package com.verdictdigest.votes;

import static com.verdictdigest.store.Jdbc.first;
import static com.verdictdigest.store.Jdbc.list;
import static com.verdictdigest.store.Jdbc.update;

import com.verdictdigest.events.EventKind;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import com.verdictdigest.week.IsoWeek;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Readers' ship-or-skip votes: one per reader and tool, which they may change. Each vote cast or
 * changed is an event ({@link EventKind#VOTE}) of the edition whose email carried the link, so the
 * operator's figures count them per edition.
 */
public final class Votes {
    private static final NamedSql SQL = NamedSql.load("votes");

    /** What casting did. */
    public enum Outcome {
        /** the reader's first vote on the tool */
        CAST,
        /** the reader turned their vote round */
        CHANGED,
        /** the same choice again: nothing written */
        UNCHANGED,
        /** a reader who is no longer a subscriber (or no longer there): nothing written */
        NOT_SUBSCRIBED
    }

    private final DataSource db;
    private final EventLog events;
    private final int minReaders;
    private final Clock clock;

    /** @param minReaders votes a tool needs before the digest shows its tally ({@code votes.min-readers}) */
    public Votes(DataSource db, EventLog events, int minReaders, Clock clock) {
        this.db = db;
        this.events = events;
        this.minReaders = minReaders;
        this.clock = clock;
    }

    public int minReaders() {
        return minReaders;
    }

    /**
     * Casts or changes the reader's vote on the tool, with its event, in one transaction, from a
     * page's button.
     *
     * @param edition the edition whose email carried the link, or null
     */
    public Outcome cast(long readerId, String toolSlug, Choice choice, IsoWeek edition) {
        return Jdbc.inTransaction(db, "cast a vote", con -> {
            if (first(con, SQL.get("lock-reader"), rs -> rs.getLong(1), readerId).isEmpty()) {
                return Outcome.NOT_SUBSCRIBED;
            }
            Optional<Choice> before = first(con, SQL.get("choice"), rs -> Choice.parse(rs.getString(1)).orElseThrow(),
                    readerId, toolSlug);
            if (before.equals(Optional.of(choice))) {
                return Outcome.UNCHANGED;
            }
            Timestamp now = Timestamp.from(clock.instant());
            String week = edition == null ? null : edition.toString();
            if (before.isEmpty()) {
                update(con, SQL.get("insert-vote"), readerId, toolSlug, choice.word(), week, now, now);
            } else {
                update(con, SQL.get("change-vote"), choice.word(), week, now, readerId, toolSlug);
            }
            events.record(con, readerId, EventKind.VOTE, EventSource.PAGE, edition, toolSlug);
            return before.isEmpty() ? Outcome.CAST : Outcome.CHANGED;
        });
    }

    /** The tool of a vote link's id, with the reader's vote on it; empty when no tool has that id. */
    public Optional<Ballot> ballot(long readerId, long toolId) {
        return Jdbc.run(db, "read a ballot", con -> first(con, SQL.get("ballot"), rs -> new Ballot(rs.getString(1),
                rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)).flatMap(Choice::parse)), readerId, toolId));
    }

    /** One tool's tally (no votes: zero of each). */
    public Tally tally(String toolSlug) {
        return Jdbc.run(db, "count votes", con -> first(con, SQL.get("tally-of-tool"),
                rs -> new Tally(toolSlug, rs.getInt(1), rs.getInt(2)), toolSlug)).orElseThrow();
    }

    /** Every tool with votes and its name, the most votes first: what the site's API gives. */
    public List<ToolTally> tallies() {
        return Jdbc.run(db, "count votes", con -> list(con, SQL.get("tallies"),
                rs -> new ToolTally(rs.getString(2), new Tally(rs.getString(1), rs.getInt(3), rs.getInt(4)))));
    }

    /**
     * By tool slug, the tally lines the digest shows beside the panel's verdict ("Readers: 62% ship,
     * 214 votes"): those of tools with at least {@link #minReaders()} votes.
     */
    public Map<String, String> talliesShown() {
        Map<String, String> shown = new LinkedHashMap<>();
        for (ToolTally t : tallies()) {
            if (t.tally().votes() >= minReaders) {
                shown.put(t.tally().toolSlug(), t.tally().label());
            }
        }
        return shown;
    }

    /**
     * The tallies as the site reads them ({@code GET /api/votes}, {@code votes --format json}):
     * the digest's threshold and every tool with votes.
     */
    public Map<String, Object> published() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minReaders", minReaders);
        body.put("tools", tallies().stream().map(ToolTally::fields).toList());
        return body;
    }

    /** A reader's votes, by tool slug: for their copy of their data. */
    public List<Vote> of(long readerId) {
        return Jdbc.run(db, "read a reader's votes", con -> list(con, SQL.get("votes-of-reader"), rs -> new Vote(rs.getString(1),
                Choice.parse(rs.getString(2)).orElseThrow(), rs.getString(3) == null ? null : IsoWeek.parse(rs.getString(3)),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()), readerId));
    }
}
