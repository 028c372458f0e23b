package com.verdictdigest.subscribers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.NamedSql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Everything stored about one reader, as the JSON file they download from their page ("download my
 * data") or the operator writes for an access request: one section per part, read in one
 * transaction so the parts agree.
 */
public final class ReaderData {
    private static final NamedSql SQL = NamedSql.load("readerdata");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One section of the file: its rows for the reader. */
    @FunctionalInterface
    interface Part {
        Object read(Connection con, long readerId) throws SQLException;
    }

    /** The sections, in the file's order. A new table that holds a reader's data adds its part here. */
    static final Map<String, Part> PARTS = parts();

    private static Map<String, Part> parts() {
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put("reader", (con, id) -> rows(con, "export-reader", id).stream().findFirst().orElse(null));
        parts.put("preferences", (con, id) -> rows(con, "export-preferences", id).stream().findFirst().orElse(null));
        parts.put("bookmarks", (con, id) -> rows(con, "export-bookmarks", id));
        parts.put("votes", (con, id) -> rows(con, "export-votes", id));
        parts.put("events", (con, id) -> rows(con, "export-events", id));
        parts.put("editions", (con, id) -> rows(con, "export-editions", id));
        parts.put("alerts", (con, id) -> rows(con, "export-alerts", id));
        return parts;
    }

    private final DataSource db;

    ReaderData(DataSource db) {
        this.db = db;
    }

    /** The reader's data as a JSON document; empty when there is no such reader. */
    Optional<String> json(long readerId) {
        Map<String, Object> data = Jdbc.inRolledBackTransaction(db, "read a reader's data", con -> {
            Map<String, Object> sections = new LinkedHashMap<>();
            for (Map.Entry<String, Part> part : PARTS.entrySet()) {
                sections.put(part.getKey(), part.getValue().read(con, readerId));
            }
            return sections;
        });
        if (data.get("reader") == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.writeValueAsString(data) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a reader's data as JSON", e);
        }
    }

    /** Rows as maps of lower-case column names; times as ISO-8601 instants. */
    private static List<Map<String, Object>> rows(Connection con, String statement, long id) throws SQLException {
        return Jdbc.list(con, SQL.get(statement), ReaderData::row, id);
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            if (value instanceof Timestamp t) {
                value = t.toInstant().toString();
            } else if (value instanceof OffsetDateTime t) {
                value = t.toInstant().toString();
            }
            row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value);
        }
        return row;
    }
}
