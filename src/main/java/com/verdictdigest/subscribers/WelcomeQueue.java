package com.verdictdigest.subscribers;

import static com.verdictdigest.store.Jdbc.update;

import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sends the welcome emails that confirmations queued (a flag on the reader, set in the
 * confirmation's own transaction), on a thread of its own, within a second or so: the confirm page
 * never waits for the relay. Each welcome is taken before it is sent, so two processes never both
 * send it, and a reader who left or was erased before their turn gets none; one the relay refused
 * is queued again for a later round. A crash between taking and sending loses that welcome: at most
 * once is right for a courtesy mail (the reader is subscribed either way, and the first digest
 * follows), where twice would be a sender that cannot count.
 */
public final class WelcomeQueue implements AutoCloseable {
    private static final NamedSql SQL = NamedSql.load("subscribers");

    private final DataSource db;
    private final SubscriberRepository subscribers;
    private final WelcomeSender sender;
    private final QueueThread thread;

    public WelcomeQueue(DataSource db, SubscriberRepository subscribers, WelcomeSender sender) {
        this.db = db;
        this.subscribers = subscribers;
        this.sender = sender;
        this.thread = new QueueThread("welcome-mail", "Welcome emails", this::sendDue);
    }

    public WelcomeQueue start() {
        thread.start();
        return this;
    }

    /**
     * Sends every welcome due now.
     *
     * @return false when the relay could not take one now (it is due again at the next round)
     */
    public boolean sendDue() {
        List<Long> due = Jdbc.run(db, "read the welcome queue", con -> Jdbc.list(con, SQL.get("due-welcomes"),
                rs -> rs.getLong(1)));
        boolean allSent = true;
        for (long id : due) {
            if (Jdbc.run(db, "take a welcome email", con -> update(con, SQL.get("take-welcome"), id)) == 0) {
                continue; // another process took it
            }
            // Read after taking: an unsubscribe or erasure up to this moment means no welcome.
            Optional<Subscriber> reader = subscribers.byId(id);
            if (reader.isEmpty() || reader.get().status() != SubscriberStatus.ACTIVE) {
                continue;
            }
            if (!sender.send(reader.get())) {
                // One reader's full mailbox holds up nobody else's welcome: theirs waits for the next round.
                Jdbc.run(db, "queue a welcome email again", con -> update(con, SQL.get("requeue-welcome"), id));
                allSent = false;
            }
        }
        return allSent;
    }

    /** Stops after the mail being sent, if any. */
    @Override
    public void close() {
        thread.close();
    }
}
