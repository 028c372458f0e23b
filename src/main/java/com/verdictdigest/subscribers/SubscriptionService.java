package com.verdictdigest.subscribers;

import static com.verdictdigest.store.Jdbc.bind;
import static com.verdictdigest.store.Jdbc.update;

import com.verdictdigest.events.EventKind;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.store.DiskWrite;
import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import com.verdictdigest.store.StoreException;
import com.verdictdigest.week.IsoWeek;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one door to a reader's status: what readers do to their subscription, what the operator
 * does to it, and what the relay reports (a bounce). Every change is a guarded UPDATE (it names the
 * status it leaves), so repeating an action is harmless, and is recorded as an event in the same
 * transaction.
 */
public final class SubscriptionService {
    /** How long after unsubscribing a reader may come back with one click, without a new confirmation. */
    public static final Duration RESUBSCRIBE_WINDOW = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(SubscriptionService.class);
    private static final NamedSql SQL = NamedSql.load("subscribers");

    private final DataSource db;
    private final SubscriberRepository subscribers;
    private final EventLog events;
    private final ConfirmationQueue confirmations;
    private final Duration resendAfter;
    private final Clock clock;

    public SubscriptionService(DataSource db, SubscriberRepository subscribers, EventLog events,
                               ConfirmationQueue confirmations, Duration resendAfter, Clock clock) {
        this.db = db;
        this.subscribers = subscribers;
        this.events = events;
        this.confirmations = confirmations;
        this.resendAfter = resendAfter;
        this.clock = clock;
    }

    /** What an {@link #add} did. */
    public enum Added { ADDED, ACTIVATED, UNCHANGED }

    /**
     * The operator adds a reader (by hand or by import). An address already stored (in any case) is
     * never duplicated; with {@code ACTIVE}, a pending reader is activated, but one who unsubscribed
     * or bounced stays so. Each change is an event with {@code source}. No welcome email: only a
     * reader's own confirmation is due one.
     */
    public Added add(EmailAddress email, SubscriberStatus status, EventSource source) {
        if (added(email, status, source)) {
            return Added.ADDED;
        }
        Subscriber existing = subscribers.find(email).orElseThrow();
        Timestamp now = now();
        if (status == SubscriberStatus.ACTIVE && change(existing.id(), "confirm", EventKind.CONFIRM, source, null, now, now,
                existing.id())) {
            return Added.ACTIVATED;
        }
        return Added.UNCHANGED;
    }

    /**
     * The signup form. The caller answers the same whatever happens here, so nobody can probe who
     * is subscribed. New, pending and formerly unsubscribed readers get a confirmation mail, at most
     * one per address per {@code subscribe.resend-minutes}; active readers get nothing.
     */
    public void subscribe(EmailAddress email) {
        added(email, SubscriberStatus.PENDING, EventSource.FORM);
        Subscriber reader = subscribers.find(email).orElseThrow();
        // A reader who reported a digest as spam gets nothing more, not even a confirmation mail.
        if (reader.status() == SubscriberStatus.PENDING
                || (reader.status() == SubscriberStatus.UNSUBSCRIBED && !reader.complained())) {
            requestConfirmation(reader, EventSource.FORM, null);
        }
    }

    /** Adds a new reader and its subscribe event in one transaction; false when the address is already stored. */
    private boolean added(EmailAddress email, SubscriberStatus status, EventSource source) {
        return Jdbc.inTransaction(db, "add subscriber", con -> {
            Optional<Long> id = subscribers.add(con, email, status);
            if (id.isPresent()) {
                events.record(con, id.get(), EventKind.SUBSCRIBE, source, null, null);
            }
            return id.isPresent();
        });
    }

    /**
     * Queues the confirmation mail of a pending reader, or of one who unsubscribed and asks to come
     * back (who is pending again, with the event), at most once per {@code subscribe.resend-minutes}.
     */
    private void requestConfirmation(Subscriber reader, EventSource source, IsoWeek edition) {
        if (reader.status() == SubscriberStatus.UNSUBSCRIBED) {
            change(reader.id(), "back-to-pending", EventKind.SUBSCRIBE, source, edition, now(), reader.id());
        }
        Timestamp now = now();
        Timestamp earliest = Timestamp.from(clock.instant().minus(resendAfter));
        if (run(con -> update(con, SQL.get("claim-confirmation"), now, reader.id(), earliest)) == 1) {
            confirmations.wake(); // the mail goes out from the queue: this answer takes the same time either way
        } else {
            log.info("Confirmation for reader {} not sent again yet (subscribe.resend-minutes)", reader.id());
        }
    }

    /** The reader confirms by their link: active, and due a welcome email (the {@link WelcomeQueue} sends it). */
    public boolean confirm(long id) {
        Timestamp now = now();
        return change(id, "confirm-with-welcome", EventKind.CONFIRM, EventSource.PAGE, null, now, now, id);
    }

    /** Takes effect at once, also for an edition being sent right now (the sender checks before each message). */
    public boolean unsubscribe(long id, EventSource source, IsoWeek edition) {
        Timestamp now = now();
        boolean changed = change(id, "unsubscribe", EventKind.UNSUBSCRIBE, source, edition, now, now, source.word(), id);
        if (changed) {
            // Once answered, an unsubscribe survives a crash: nobody who left is mailed.
            run(con -> {
                DiskWrite.now(con);
                return 0;
            });
        }
        return changed;
    }

    /**
     * The relay refused the reader's address for good (a hard bounce, RFC 5321 section 4.2.5): an
     * active reader gets nothing more until they sign up again.
     *
     * @param edition the edition whose message bounced
     */
    public boolean bounced(long id, IsoWeek edition) {
        return change(id, "bounce", EventKind.BOUNCE, EventSource.RELAY, edition, now(), "relay", id);
    }

    /**
     * A report says the reader's address cannot receive mail (a hard bounce): an active reader is
     * bounced at once. Runs in the caller's transaction, with the record of the report.
     */
    public boolean hardBounced(Connection con, long id, IsoWeek edition) throws SQLException {
        return change(con, id, "bounce", EventKind.BOUNCE, EventSource.REPORT, edition, now(), "hard-bounce", id);
    }

    /** What a soft bounce did. */
    public enum SoftBounce { COUNTED, BOUNCED, IGNORED }

    /**
     * A report says a message to an active reader did not arrive this time (a soft bounce): it is
     * counted, and the {@code limit}th within {@code window} bounces the reader. Runs in the
     * caller's transaction, with the record of the report.
     */
    public SoftBounce softBounced(Connection con, long id, IsoWeek edition, int limit, Duration window) throws SQLException {
        Optional<Subscriber> reader = subscribers.byId(con, id);
        if (reader.isEmpty() || reader.get().status() != SubscriberStatus.ACTIVE) {
            return SoftBounce.IGNORED;
        }
        events.record(con, id, EventKind.SOFT_BOUNCE, EventSource.REPORT, edition, null);
        // Counted within the window, and only since the reader last became active (an operator's reinstatement starts afresh).
        Instant since = clock.instant().minus(window);
        Instant active = reader.get().changedAt();
        if (active != null && active.isAfter(since)) {
            since = active;
        }
        long count = Jdbc.first(con, SQL.get("soft-bounces-since"), rs -> rs.getLong(1), id, Timestamp.from(since)).orElse(0L);
        if (count >= limit && change(con, id, "bounce", EventKind.BOUNCE, EventSource.REPORT, edition, now(), "soft-bounces", id)) {
            return SoftBounce.BOUNCED;
        }
        return SoftBounce.COUNTED;
    }

    /**
     * The reader reported a digest as spam (RFC 5965): unsubscribed with the reason "complaint",
     * from whatever status, and never mailed again (no link, sign-up or re-import brings them
     * back). Runs in the caller's transaction, with the record of the report.
     */
    public boolean complained(Connection con, long id, IsoWeek edition) throws SQLException {
        Timestamp now = now();
        return change(con, id, "complaint", EventKind.COMPLAINT, EventSource.REPORT, edition, now, now, id);
    }

    /** The operator vouches for a bounced reader's address: active again, with the event. */
    public boolean reinstate(long id) {
        return change(id, "reinstate", EventKind.RESUBSCRIBE, EventSource.OPERATOR, null, now(), id);
    }

    /** What a reader's "subscribe again" did. */
    public enum Resubscribed { ACTIVE, CONFIRMATION_SENT, UNCHANGED }

    /**
     * A reader who unsubscribed asks to come back by one of their links. Within
     * {@link #RESUBSCRIBE_WINDOW} of the unsubscribe (the "changed your mind?" button) they are
     * active again at once; later, an old link could be anyone's who kept an email, so it goes
     * through double opt-in like a sign-up: a confirmation mail to the address.
     */
    public Resubscribed resubscribe(long id, EventSource source, IsoWeek edition) {
        Timestamp now = now();
        Timestamp since = Timestamp.from(clock.instant().minus(RESUBSCRIBE_WINDOW));
        if (change(id, "resubscribe", EventKind.RESUBSCRIBE, source, edition, now, now, id, since)) {
            return Resubscribed.ACTIVE;
        }
        Optional<Subscriber> reader = subscribers.byId(id);
        if (reader.isEmpty() || reader.get().status() != SubscriberStatus.UNSUBSCRIBED || reader.get().complained()) {
            return Resubscribed.UNCHANGED;
        }
        requestConfirmation(reader.get(), source, edition);
        return Resubscribed.CONFIRMATION_SENT;
    }

    public void bookmark(long id, Tool tool, EventSource source, IsoWeek edition) {
        boolean had = subscribers.bookmarks(id).stream().anyMatch(b -> b.toolSlug().equals(tool.slug()));
        if (!had) {
            subscribers.addBookmark(id, tool.slug());
            events.record(id, EventKind.BOOKMARK, source, edition, tool.slug());
        }
    }

    public void removeBookmark(long id, String toolSlug, EventSource source, IsoWeek edition) {
        if (run(con -> update(con, SQL.get("delete-bookmark"), id, toolSlug)) > 0) {
            events.record(id, EventKind.UNBOOKMARK, source, edition, toolSlug);
        }
    }

    /**
     * A reader chooses what they get. Recorded with its event only when something changed, so a
     * form sent twice counts once.
     */
    public void choose(long id, Preferences chosen, EventSource source, IsoWeek edition) {
        Jdbc.inTransaction(db, "save preferences", con -> {
            if (!subscribers.preferencesOf(List.of(id)).getOrDefault(id, Preferences.DEFAULT).equals(chosen)) {
                subscribers.savePreferences(con, id, chosen);
                events.record(con, id, EventKind.PREFERENCES, source, edition, null);
            }
            return null;
        });
    }

    public Optional<Tool> toolById(long toolId) {
        return tool("tool-by-id", toolId);
    }

    public Optional<Tool> toolBySlug(String slug) {
        return tool("tool-by-slug", slug);
    }

    private Optional<Tool> tool(String statement, Object key) {
        try (Connection con = db.getConnection(); PreparedStatement ps = con.prepareStatement(SQL.get(statement))) {
            bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Tool(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read tools: " + e.getMessage(), e);
        }
    }

    /**
     * The one way a reader's status changes: a guarded UPDATE (it names the status it leaves) and,
     * when it changed anything, its event, in one transaction.
     */
    private boolean change(long id, String statement, EventKind kind, EventSource source, IsoWeek edition, Object... params) {
        return Jdbc.inTransaction(db, "update subscription", con -> change(con, id, statement, kind, source, edition, params));
    }

    private boolean change(Connection con, long id, String statement, EventKind kind, EventSource source, IsoWeek edition,
                           Object... params) throws SQLException {
        boolean changed = update(con, SQL.get(statement), params) > 0;
        if (changed) {
            events.record(con, id, kind, source, edition, null);
        }
        return changed;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private int run(Jdbc.Work<Integer> work) {
        return Jdbc.run(db, "update subscription", work);
    }
}
