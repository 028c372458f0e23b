package com.verdictdigest.subscribers;

import static com.verdictdigest.store.Jdbc.bind;
import static com.verdictdigest.store.Jdbc.update;

import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import com.verdictdigest.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import javax.sql.DataSource;

/** Readers and their bookmarks. */
public final class SubscriberRepository {
    private static final NamedSql SQL = NamedSql.load("subscribers");

    private final DataSource db;
    private final Clock clock;

    public SubscriberRepository(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Adds a reader with this status and no event, as a bulk load does ({@link #insertActive}),
     * unless the address is already stored (in any case): it is never duplicated. The additions
     * that are a reader's or the operator's act, and every change of a status, go through
     * {@link SubscriptionService} with their events.
     *
     * @return whether the reader was added
     */
    public boolean add(EmailAddress email, SubscriberStatus status) {
        return Jdbc.run(db, "add subscriber", con -> add(con, email, status)).isPresent();
    }

    /**
     * Adds a reader on the caller's connection, inside the caller's transaction.
     *
     * @return the new reader's id, or empty when the address is already stored (also when another
     *         process stored it a moment ago)
     */
    Optional<Long> add(Connection con, EmailAddress email, SubscriberStatus status) throws SQLException {
        if (find(con, email).isPresent()) {
            return Optional.empty();
        }
        Timestamp now = Timestamp.from(clock.instant());
        // On PostgreSQL a failed statement spoils its whole transaction: a savepoint keeps the caller's.
        Savepoint beforeInsert = con.getAutoCommit() ? null : con.setSavepoint();
        try (PreparedStatement ps = con.prepareStatement(SQL.get("insert-subscriber"), new String[] {"id"})) {
            bind(ps, email.value(), email.key(), status.word(), now, status == SubscriberStatus.ACTIVE ? now : null);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return Optional.of(keys.getLong(1));
            }
        } catch (SQLException e) {
            if (!Jdbc.isConstraintViolation(e)) {
                throw e;
            }
            if (beforeInsert != null) {
                con.rollback(beforeInsert);
            }
            return Optional.empty();
        }
    }

    /** Inserts many new active readers at once (for benchmarks and bulk loads); they must not exist yet. */
    public void insertActive(List<EmailAddress> emails) {
        Timestamp now = Timestamp.from(clock.instant());
        batch("add subscribers", "insert-subscriber",
                emails.stream().map(e -> new Object[] {e.value(), e.key(), SubscriberStatus.ACTIVE.word(), now, now}).toList());
    }

    /** Inserts many bookmarks at once: pairs of (subscriber id, tool slug). */
    public void insertBookmarks(List<Map.Entry<Long, String>> bookmarks) {
        Timestamp now = Timestamp.from(clock.instant());
        batch("add bookmarks", "insert-bookmark", bookmarks.stream().map(b -> new Object[] {b.getKey(), b.getValue(), now}).toList());
    }

    /** Readers' preferences in one batch, with no events, as a bulk load does (readers who never chose have none). */
    public void insertPreferences(Map<Long, Preferences> preferences) {
        Timestamp now = Timestamp.from(clock.instant());
        batch("add preferences", "insert-preferences", preferences.entrySet().stream().map(e -> new Object[] {e.getKey(),
                e.getValue().storedCategories(), e.getValue().bookmarkedOnly(),
                e.getValue().pausedUntil() == null ? null : Timestamp.from(e.getValue().pausedUntil()), e.getValue().alerts(), now})
                .toList());
    }

    private void batch(String what, String statement, List<Object[]> rows) {
        Jdbc.inTransaction(db, what, con -> {
            try (PreparedStatement ps = con.prepareStatement(SQL.get(statement))) {
                for (Object[] row : rows) {
                    bind(ps, row);
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    /**
     * Every reader with this status (null: any) in id order, a page of {@code size} at a time, each
     * page read when it is reached: a list of a million readers in the memory of one page.
     */
    public Iterable<List<Subscriber>> pages(SubscriberStatus status, int size) {
        return () -> new Iterator<>() {
            private List<Subscriber> next = page(status, 0, size);

            @Override
            public boolean hasNext() {
                return !next.isEmpty();
            }

            @Override
            public List<Subscriber> next() {
                if (next.isEmpty()) {
                    throw new NoSuchElementException();
                }
                List<Subscriber> current = next;
                next = current.size() < size ? List.of() : page(status, current.get(current.size() - 1).id(), size);
                return current;
            }
        };
    }

    /** Whether anyone would get an edition sent now. */
    public boolean hasActiveReaders() {
        return !page(SubscriberStatus.ACTIVE, 0, 1).isEmpty();
    }

    /** Up to {@code limit} readers with this status (null: any) whose id is above {@code afterId}, in id order. */
    private List<Subscriber> page(SubscriberStatus status, long afterId, int limit) {
        return status == null ? query("subscribers-after", afterId, limit)
                : query("subscribers-with-status-after", status.word(), afterId, limit);
    }

    private List<Subscriber> query(String name, Object... params) {
        try (Connection con = db.getConnection(); PreparedStatement ps = con.prepareStatement(SQL.get(name))) {
            bind(ps, params);
            List<Subscriber> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(subscriber(rs));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("cannot list subscribers: " + e.getMessage(), e);
        }
    }

    public Optional<Subscriber> byId(long id) {
        try (Connection con = db.getConnection()) {
            return byId(con, id);
        } catch (SQLException e) {
            throw new StoreException("cannot read subscribers: " + e.getMessage(), e);
        }
    }

    /** On the caller's connection, inside the caller's transaction. */
    public Optional<Subscriber> byId(Connection con, long id) throws SQLException {
        return Jdbc.first(con, SQL.get("by-id"), SubscriberRepository::subscriber, id);
    }

    public Optional<Subscriber> find(EmailAddress email) {
        try (Connection con = db.getConnection()) {
            return find(con, email);
        } catch (SQLException e) {
            throw new StoreException("cannot read subscribers: " + e.getMessage(), e);
        }
    }

    /** On the caller's connection, inside the caller's transaction. */
    public static Optional<Subscriber> find(Connection con, EmailAddress email) throws SQLException {
        return Jdbc.first(con, SQL.get("find-by-email-key"), SubscriberRepository::subscriber, email.key());
    }

    /** Readers by id, for a batch of deliveries (ids close together: one range query). */
    public Map<Long, Subscriber> byIds(List<Long> ids) {
        Map<Long, Subscriber> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        java.util.Set<Long> wanted = new java.util.HashSet<>(ids);
        try (Connection con = db.getConnection();
             PreparedStatement ps = con.prepareStatement(SQL.get("subscribers-by-id-range"))) {
            bind(ps, ids.stream().mapToLong(Long::longValue).min().orElseThrow(),
                    ids.stream().mapToLong(Long::longValue).max().orElseThrow());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (wanted.contains(rs.getLong("id"))) {
                        result.put(rs.getLong("id"), subscriber(rs));
                    }
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("cannot read subscribers: " + e.getMessage(), e);
        }
    }

    public void addBookmark(long subscriberId, String toolSlug) {
        try (Connection con = db.getConnection()) {
            try (PreparedStatement ps = con.prepareStatement(SQL.get("has-bookmark"))) {
                bind(ps, subscriberId, toolSlug);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            update(con, SQL.get("insert-bookmark"), subscriberId, toolSlug,
                    Timestamp.from(clock.instant()));
        } catch (SQLException e) {
            throw new StoreException("cannot save bookmark: " + e.getMessage(), e);
        }
    }

    public List<Bookmark> bookmarks(long subscriberId) {
        return bookmarksOf(List.of(subscriberId)).getOrDefault(subscriberId, List.of());
    }

    public Preferences preferences(long subscriberId) {
        return preferencesOf(List.of(subscriberId)).getOrDefault(subscriberId, Preferences.DEFAULT);
    }

    /** Preferences of many readers in one query; a reader who never chose is absent (the defaults). */
    public Map<Long, Preferences> preferencesOf(List<Long> subscriberIds) {
        if (subscriberIds.isEmpty()) {
            return new HashMap<>();
        }
        try (Connection con = db.getConnection()) {
            return preferencesOf(con, subscriberIds);
        } catch (SQLException e) {
            throw new StoreException("cannot read preferences: " + e.getMessage(), e);
        }
    }

    /** A reader's preferences on the caller's connection, inside the caller's transaction. */
    Preferences preferences(Connection con, long subscriberId) throws SQLException {
        return preferencesOf(con, List.of(subscriberId)).getOrDefault(subscriberId, Preferences.DEFAULT);
    }

    private static Map<Long, Preferences> preferencesOf(Connection con, List<Long> subscriberIds) throws SQLException {
        Map<Long, Preferences> result = new HashMap<>();
        long min = subscriberIds.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = subscriberIds.stream().mapToLong(Long::longValue).max().orElseThrow();
        java.util.Set<Long> wanted = new java.util.HashSet<>(subscriberIds);
        try (PreparedStatement ps = con.prepareStatement(SQL.get("preferences-of-id-range"))) {
            bind(ps, min, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (wanted.contains(rs.getLong(1))) {
                        Timestamp paused = rs.getTimestamp(4);
                        result.put(rs.getLong(1), new Preferences(Preferences.parseStored(rs.getString(2)),
                                rs.getBoolean(3), paused == null ? null : paused.toInstant(), rs.getBoolean(5)));
                    }
                }
            }
        }
        return result;
    }

    /** Replaces a reader's preferences on the caller's connection ({@link SubscriptionService#choose} records the event). */
    void savePreferences(Connection con, long subscriberId, Preferences p) throws SQLException {
        update(con, SQL.get("delete-preferences"), subscriberId);
        update(con, SQL.get("insert-preferences"), subscriberId, p.storedCategories(), p.bookmarkedOnly(),
                p.pausedUntil() == null ? null : Timestamp.from(p.pausedUntil()), p.alerts(), Timestamp.from(clock.instant()));
    }

    /** Bookmarks of many readers in one query, for rendering a batch of readers. */
    public Map<Long, List<Bookmark>> bookmarksOf(List<Long> subscriberIds) {
        Map<Long, List<Bookmark>> result = new HashMap<>();
        if (subscriberIds.isEmpty()) {
            return result;
        }
        long min = subscriberIds.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = subscriberIds.stream().mapToLong(Long::longValue).max().orElseThrow();
        java.util.Set<Long> wanted = new java.util.HashSet<>(subscriberIds);
        try (Connection con = db.getConnection();
             PreparedStatement ps = con.prepareStatement(SQL.get("bookmarks-of-id-range"))) {
            bind(ps, min, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    if (wanted.contains(id)) {
                        result.computeIfAbsent(id, k -> new ArrayList<>()).add(new Bookmark(rs.getString(2), rs.getString(3)));
                    }
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("cannot read bookmarks: " + e.getMessage(), e);
        }
    }

    static Subscriber subscriber(ResultSet rs) throws SQLException {
        Timestamp changed = rs.getTimestamp("status_changed_at");
        return new Subscriber(rs.getLong("id"), rs.getString("email"), SubscriberStatus.of(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(), rs.getString("status_reason"), changed == null ? null : changed.toInstant());
    }
}
