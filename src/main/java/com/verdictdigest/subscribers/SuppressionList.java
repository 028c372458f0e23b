package com.verdictdigest.subscribers;

import com.verdictdigest.links.SignedTag;
import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HexFormat;

/**
 * The addresses of erased readers, kept only as a keyed one-way hash of their lower-cased key
 * (HMAC-SHA256 with the site's key, RFC 2104): enough to recognise the address when an import or
 * the operator offers it again, nothing to read it back from, and, without the key, no way to test
 * guesses against the table. A new site key (links.secret) makes the list forget everyone.
 */
public final class SuppressionList {
    private static final NamedSql SQL = NamedSql.load("readerdata");
    private final SignedTag tag;

    public SuppressionList(byte[] siteKey) {
        this.tag = new SignedTag(siteKey, "suppression", 32);
    }

    String hash(EmailAddress email) {
        return HexFormat.of().formatHex(tag.of(email.key().getBytes(StandardCharsets.UTF_8)));
    }

    /** On the caller's connection. */
    boolean contains(Connection con, EmailAddress email) throws SQLException {
        return Jdbc.first(con, SQL.get("suppressed"), rs -> true, hash(email)).isPresent();
    }

    /** Whether the address is an erased reader's who had reported our mail as spam: it gets nothing again. */
    boolean complained(Connection con, EmailAddress email) throws SQLException {
        return Jdbc.first(con, SQL.get("suppressed"), rs -> rs.getBoolean(1), hash(email)).orElse(false);
    }

    /** In the caller's transaction (an erasure's). */
    void add(Connection con, EmailAddress email, Timestamp when, boolean complained) throws SQLException {
        String hash = hash(email);
        Jdbc.update(con, SQL.get("suppress"), hash, when, complained, hash);
    }

    /** In the caller's transaction: the reader signed up again and confirmed. */
    void remove(Connection con, EmailAddress email) throws SQLException {
        Jdbc.update(con, SQL.get("unsuppress"), hash(email));
    }
}
