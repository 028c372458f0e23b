package com.verdictdigest.catalog;

import static com.verdictdigest.store.Jdbc.bind;
import static com.verdictdigest.store.Jdbc.update;

import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import com.verdictdigest.store.StoreException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Stores and reads the catalog: tools, comparisons, their per-tool figures and reviews. */
public final class CatalogRepository {
    private static final NamedSql SQL = NamedSql.load("catalog");

    private final DataSource db;
    private final Clock clock;

    public CatalogRepository(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** What saving a comparison did. */
    public enum Saved { INSERTED, UPDATED, UNCHANGED }

    /**
     * Inserts the comparison, or replaces the stored one with the same slug in place (same id), in
     * one transaction so a reader never sees half a comparison. A comparison stored exactly as it is
     * now is left alone: the site is read again on every run, and most pages have not changed. What
     * changed for its tools (a new comparison, a changed panel verdict) is recorded with it.
     */
    public Saved save(Comparison c) {
        if (storedAsItIs(c)) {
            return Saved.UNCHANGED;
        }
        return Jdbc.inTransaction(db, "save comparison " + c.slug(), con -> save(con, c));
    }

    private Saved save(Connection con, Comparison c) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        for (ToolFigures t : List.of(c.left(), c.right())) {
            int updated = update(con, SQL.get("update-tool"), t.name(), t.tagline(), now, t.slug());
            if (updated == 0) {
                update(con, SQL.get("insert-tool"), t.name(), t.tagline(), now, t.slug());
            }
        }
        Long id = existingId(con, c.slug());
        Map<String, Verdict> before = VerdictChanges.before(con, id);
        Saved saved;
        if (id == null) {
            try (PreparedStatement ps = con.prepareStatement(SQL.get("insert-comparison"), new String[] {"id"})) {
                bind(ps, c.slug(), c.canonicalUrl().toString(), c.title(), c.standfirst(),
                        Timestamp.from(c.published()), Timestamp.from(c.modified()), now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            saved = Saved.INSERTED;
        } else {
            update(con, SQL.get("update-comparison"), c.canonicalUrl().toString(), c.title(), c.standfirst(),
                    Timestamp.from(c.published()), Timestamp.from(c.modified()), now, id);
            update(con, SQL.get("delete-reviews"), id);
            update(con, SQL.get("delete-comparison-tools"), id);
            saved = Saved.UPDATED;
        }
        for (ToolFigures t : List.of(c.left(), c.right())) {
            update(con, SQL.get("insert-comparison-tool"), id, t.side().word(), t.slug(), t.category(),
                    t.verdict().word(), t.panelShip(), t.panelSkip(), t.panelShipPercent(), t.communityVotes(),
                    t.entry(), t.pricing(), t.bestFor(), t.description().html());
            int position = 0;
            for (Review r : t.reviews()) {
                update(con, SQL.get("insert-review"), id, t.side().word(), r.persona(), r.personaName(),
                        position++, r.score(), r.verdict().word(), r.take());
            }
        }
        VerdictChanges.record(con, c, before, now);
        return saved;
    }

    private boolean storedAsItIs(Comparison c) {
        Instant published;
        try (Connection con = db.getConnection(); PreparedStatement ps = con.prepareStatement(SQL.get("comparison-published-at"))) {
            bind(ps, c.slug());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                published = rs.getTimestamp(1).toInstant();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read comparison " + c.slug() + ": " + e.getMessage(), e);
        }
        return publishedBetween(published, published.plusNanos(1000)).stream().anyMatch(c::equals);
    }

    /** Comparisons published in [from, to), newest first. */
    public List<Comparison> publishedBetween(Instant from, Instant to) {
        try (Connection con = db.getConnection()) {
            Timestamp a = Timestamp.from(from);
            Timestamp b = Timestamp.from(to);
            Map<Long, Map<String, List<Review>>> reviews = new HashMap<>();
            try (PreparedStatement ps = con.prepareStatement(SQL.get("reviews-of-comparisons"))) {
                bind(ps, a, b);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reviews.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                                .computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                                .add(new Review(rs.getString(3), rs.getString(4), rs.getInt(5),
                                        Verdict.of(rs.getString(6)), rs.getString(7)));
                    }
                }
            }
            Map<Long, Map<String, ToolFigures>> tools = new HashMap<>();
            try (PreparedStatement ps = con.prepareStatement(SQL.get("tools-of-comparisons"))) {
                bind(ps, a, b);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String side = rs.getString(2);
                        List<Review> toolReviews = reviews.getOrDefault(id, Map.of()).getOrDefault(side, List.of());
                        tools.computeIfAbsent(id, k -> new HashMap<>()).put(side, new ToolFigures(
                                Side.of(side), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                Verdict.of(rs.getString(7)), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
                                rs.getString(12), rs.getString(13), rs.getString(14),
                                new SanitizedHtml(rs.getString(15)), toolReviews));
                    }
                }
            }
            Map<Long, Comparison> result = new LinkedHashMap<>();
            try (PreparedStatement ps = con.prepareStatement(SQL.get("comparisons-published-between"))) {
                bind(ps, a, b);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        Map<String, ToolFigures> pair = tools.getOrDefault(id, Map.of());
                        result.put(id, new Comparison(rs.getString(2), URI.create(rs.getString(3)), rs.getString(4),
                                rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(),
                                pair.get("left"), pair.get("right")));
                    }
                }
            }
            return List.copyOf(result.values());
        } catch (SQLException e) {
            throw new StoreException("cannot read the catalog: " + e.getMessage(), e);
        }
    }

    /** The categories of the catalog's tools, which readers may follow (sorted). */
    public List<String> categories() {
        return Jdbc.run(db, "read the catalog's categories", con -> Jdbc.list(con, SQL.get("categories"), rs -> rs.getString(1)));
    }

    /** Every tool's numeric id by slug. */
    public Map<String, Long> toolIds() {
        try (Connection con = db.getConnection();
             PreparedStatement ps = con.prepareStatement(SQL.get("tool-ids"));
             ResultSet rs = ps.executeQuery()) {
            Map<String, Long> ids = new HashMap<>();
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getLong(2));
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("cannot read the catalog: " + e.getMessage(), e);
        }
    }

    public List<Comparison> all() {
        return publishedBetween(Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"));
    }

    private static Long existingId(Connection con, String slug) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(SQL.get("find-comparison-id"))) {
            ps.setString(1, slug);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
