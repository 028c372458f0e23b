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
import com.verdictdigest.store.StoredCopies;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final NamedSql DATA = NamedSql.load("readerdata");
    /** What an erased address becomes in the texts that are kept (the reports read from the return path). */
    private static final String ERASED = "[erased]";

    private final DataSource db;
    private final SubscriberRepository subscribers;
    private final EventLog events;
    private final ConfirmationQueue confirmations;
    private final SuppressionList suppressions;
    private final StoredCopies copies;
    private final Duration resendAfter;
    private final Clock clock;

    public SubscriptionService(DataSource db, SubscriberRepository subscribers, EventLog events,
                               ConfirmationQueue confirmations, SuppressionList suppressions, StoredCopies copies,
                               Duration resendAfter, Clock clock) {
        this.db = db;
        this.subscribers = subscribers;
        this.events = events;
        this.confirmations = confirmations;
        this.suppressions = suppressions;
        this.copies = copies;
        this.resendAfter = resendAfter;
        this.clock = clock;
    }

    /** What an {@link #add} did. */
    public enum Added { ADDED, ACTIVATED, UNCHANGED, SUPPRESSED }

    /**
     * The operator adds a reader (by hand or by import). An address already stored (in any case) is
     * never duplicated; with {@code ACTIVE}, a pending reader is activated, but one who unsubscribed
     * or bounced stays so; an erased reader's address (on the suppression list) is refused. Each
     * change is an event with {@code source}. No welcome email: only a reader's own confirmation is
     * due one.
     */
    public Added add(EmailAddress email, SubscriberStatus status, EventSource source) {
        if (Jdbc.run(db, "read the suppression list", con -> suppressions.contains(con, email))) {
            return Added.SUPPRESSED;
        }
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
        if (Jdbc.run(db, "read the suppression list", con -> suppressions.complained(con, email))) {
            return; // an erased reader who had reported our mail as spam: not stored, not mailed
        }
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

    /**
     * The reader confirms by the link mailed to their address: active, and due a welcome email (the
     * {@link WelcomeQueue} sends it). An erased reader who signed up again is off the suppression
     * list from here: the address is theirs to give, and they gave it.
     */
    public boolean confirm(long id) {
        Timestamp now = now();
        return Jdbc.inTransaction(db, "update subscription", con -> {
            boolean changed = change(con, id, "confirm-with-welcome", EventKind.CONFIRM, EventSource.PAGE, null, now, now, id);
            Optional<Subscriber> reader = changed ? subscribers.byId(con, id) : Optional.empty();
            if (reader.isPresent()) {
                suppressions.remove(con, new EmailAddress(reader.get().email()));
            }
            return changed;
        });
    }

    /**
     * What an erasure did: the address it erased (or had erased before: {@code before}), and what
     * became of its copies in the data folder's files.
     */
    public record Erased(String email, boolean before, StoredCopies.Removal files) {
    }

    /**
     * The operator erases a reader by address. An address erased before (on the suppression list,
     * no reader) has its copies in the data folder's files removed again: what to do when a running
     * process kept the database file from being rewritten.
     *
     * @return empty when the address is neither a reader's nor erased
     */
    public Optional<Erased> erase(EmailAddress email, EventSource source) {
        Optional<Subscriber> reader = subscribers.find(email);
        if (reader.isPresent()) {
            Optional<Erased> erased = erase(reader.get().id(), source);
            if (erased.isPresent()) {
                return erased;
            }
        }
        if (Jdbc.run(db, "read the suppression list", con -> suppressions.contains(con, email))) {
            return Optional.of(new Erased(email.value(), true, copies.remove(db, email.value())));
        }
        return Optional.empty();
    }

    /**
     * Erases a reader, at their request or the operator's (README, "Your data: export and
     * erasure"), in one transaction: their row goes, and with it their bookmarks and preferences
     * (and votes lose their voter); their events and ledger rows stay for the counts, with nothing
     * that names them; the reports that quote the address lose it; a keyed hash of the address goes
     * on the suppression list; and an ERASE event naming nobody records that an erasure happened.
     * Then the address is removed from the files of the data folder (the outbox aside).
     *
     * @return empty when there is no such reader (any more)
     */
    public Optional<Erased> erase(long id, EventSource source) {
        Optional<Subscriber> erased = Jdbc.inTransaction(db, "erase a reader", con -> {
            Optional<Subscriber> reader = subscribers.byId(con, id);
            if (reader.isEmpty()) {
                return reader;
            }
            EmailAddress email = new EmailAddress(reader.get().email());
            // No reader has a negative id: the erasure's own event id, negated, is a key nobody else carries.
            long anonymous = -events.recordAnonymous(con, EventKind.ERASE, source);
            update(con, DATA.get("anonymise-events"), anonymous, id);
            update(con, DATA.get("anonymise-deliveries"), anonymous, id);
            forgetInReports(con, email);
            suppressions.add(con, email, now(), reader.get().complained());
            if (update(con, SQL.get("erase"), id) == 0) {
                con.rollback(); // erased a moment ago by another request
                return Optional.<Subscriber>empty();
            }
            return reader;
        });
        if (erased.isEmpty()) {
            return Optional.empty();
        }
        StoredCopies.Removal files = copies.remove(db, erased.get().email());
        if (!files.clean()) {
            log.warn("An erased address is still in the database file: run `verdicts subscribers erase` on it again"
                    + " when no other process has the database open");
        }
        return Optional.of(new Erased(erased.get().email(), false, files));
    }

    /** The reports read from the return path keep what they said, without the address. */
    private static void forgetInReports(Connection con, EmailAddress email) throws SQLException {
        String key = email.key();
        Pattern address = Pattern.compile(Pattern.quote(key), Pattern.CASE_INSENSITIVE);
        List<Object[]> reports = Jdbc.list(con, DATA.get("reports-naming"),
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)},
                key, key, key, key);
        for (Object[] r : reports) {
            String message = (String) r[4];
            // The message as it came, kept only when it could not be read: once it names an erased reader, it goes.
            update(con, DATA.get("rewrite-report"), without(address, (String) r[1]), without(address, (String) r[2]),
                    without(address, (String) r[3]), message != null && address.matcher(message).find() ? null : message, r[0]);
        }
    }

    private static String without(Pattern address, String text) {
        return text == null ? null : address.matcher(text).replaceAll(Matcher.quoteReplacement(ERASED));
    }

    /** Everything stored about the reader, as the JSON file of "download my data"; empty when there is no such reader. */
    public Optional<String> export(long id) {
        return new ReaderData(db).json(id);
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
     * form sent twice counts once; the reader's row is locked first, so two saves at once queue up
     * rather than both write.
     */
    public void choose(long id, Preferences chosen, EventSource source, IsoWeek edition) {
        Jdbc.inTransaction(db, "save preferences", con -> {
            boolean reader = Jdbc.first(con, SQL.get("lock-subscriber"), rs -> true, id).isPresent();
            if (reader && !subscribers.preferences(con, id).equals(chosen)) {
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
