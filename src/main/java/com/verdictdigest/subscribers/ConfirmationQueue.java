package com.verdictdigest.subscribers;

import static com.verdictdigest.store.Jdbc.update;

import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import com.verdictdigest.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Sends the confirmation mails that sign-ups queued (a flag on the reader, set in the sign-up's own
 * transaction), on a thread of its own: a sign-up answers in the same time whether it queued a mail
 * or not, and a stalled relay holds no request. Each mail is taken before it is sent, so two
 * processes never both send it; one the relay refused is queued again for a later round. (A crash
 * between taking and sending loses that one mail: the reader can sign up again.)
 */
public final class ConfirmationQueue implements AutoCloseable {
    private static final NamedSql SQL = NamedSql.load("subscribers");

    private final DataSource db;
    private final SubscriberRepository subscribers;
    private final ConfirmationSender sender;
    private final QueueThread thread;

    public ConfirmationQueue(DataSource db, SubscriberRepository subscribers, ConfirmationSender sender) {
        this.db = db;
        this.subscribers = subscribers;
        this.sender = sender;
        this.thread = new QueueThread("confirmation-mail", "Confirmation mails", this::sendDue);
    }

    public ConfirmationQueue start() {
        thread.start();
        return this;
    }

    /** A sign-up queued a mail: send it now rather than at the next poll. */
    void wake() {
        thread.wake();
    }

    /**
     * Sends every mail due now.
     *
     * @return false when the relay refused one (it is due again; the round stops there)
     */
    public boolean sendDue() {
        List<Long> due = due();
        Map<Long, Subscriber> readers = due.isEmpty() ? Map.of() : subscribers.byIds(due);
        for (long id : due) {
            if (Jdbc.run(db, "take a confirmation mail", con -> update(con, SQL.get("take-confirmation"), id)) == 0) {
                continue; // another process took it
            }
            Subscriber reader = readers.get(id);
            if (reader == null || reader.status() != SubscriberStatus.PENDING) {
                continue; // confirmed or gone meanwhile: no mail needed
            }
            if (!sender.send(reader)) {
                Jdbc.run(db, "queue a confirmation mail again", con -> update(con, SQL.get("requeue-confirmation"), id));
                return false;
            }
        }
        return true;
    }

    private List<Long> due() {
        try (Connection con = db.getConnection(); PreparedStatement ps = con.prepareStatement(SQL.get("due-confirmations"))) {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("cannot read the confirmation queue: " + e.getMessage(), e);
        }
    }

    /** Stops after the mail being sent, if any. */
    @Override
    public void close() {
        thread.close();
    }
}
