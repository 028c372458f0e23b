package com.verdictdigest.delivery;

import static com.verdictdigest.store.Jdbc.update;

import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Which sending processes are alive: each registers, then renews its lease by heartbeat; one whose
 * heartbeat stopped for a lease is taken for dead and its work taken back. Leases run on the
 * database's clock, so senders on several machines agree on it.
 */
public final class SenderLeases {
    private static final NamedSql SQL = NamedSql.load("delivery");

    private final DataSource db;

    public SenderLeases(DataSource db) {
        this.db = db;
    }

    public void register(String processId) {
        Jdbc.run(db, "register sender", con -> update(con, SQL.get("register-process"), processId));
    }

    /**
     * Renews this process's lease, and forgets processes dead for ten leases.
     *
     * @return false when the process is no longer registered (it was taken for dead): it must stop sending
     */
    public boolean heartbeat(String processId, Duration lease) {
        Timestamp forgotten = Timestamp.from(databaseNow().minus(lease.multipliedBy(10)));
        return Jdbc.run(db, "heartbeat", con -> {
            int alive = update(con, SQL.get("heartbeat"), processId);
            update(con, SQL.get("forget-dead-processes"), forgotten);
            return alive;
        }) == 1;
    }

    /** The moment after which a heartbeat shows a process alive: now on the database's clock, less a lease. */
    public Instant aliveSince(Duration lease) {
        return databaseNow().minus(lease);
    }

    public void unregister(String processId) {
        Jdbc.run(db, "unregister sender", con -> update(con, SQL.get("unregister-process"), processId));
    }

    private Instant databaseNow() {
        return Jdbc.run(db, "read the database clock",
                con -> Jdbc.first(con, SQL.get("database-now"), rs -> rs.getTimestamp(1).toInstant())).orElseThrow();
    }
}
