package com.verdictdigest.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A feature's SQL, kept together in one resource file ({@code /sql/<feature>.sql}) as named
 * statements, in the manner of listmonk's queries.sql: each statement follows a line
 * {@code -- name: some-name}. Statements use only bound parameters and portable SQL (H2 and PostgreSQL).
 */
public final class NamedSql {
    private final String resource;
    private final Map<String, String> statements;

    private NamedSql(String resource, Map<String, String> statements) {
        this.resource = resource;
        this.statements = statements;
    }

    public static NamedSql load(String feature) {
        String resource = "/sql/" + feature + ".sql";
        String text;
        try (InputStream in = NamedSql.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        Map<String, String> statements = new HashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("-- name:")) {
                if (name != null) {
                    statements.put(name, body.toString().strip());
                }
                name = line.substring("-- name:".length()).strip();
                body.setLength(0);
            } else if (name != null && !line.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        if (name != null) {
            statements.put(name, body.toString().strip());
        }
        return new NamedSql(resource, statements);
    }

    public String get(String name) {
        String sql = statements.get(name);
        if (sql == null) {
            throw new IllegalStateException("no statement '" + name + "' in " + resource);
        }
        return sql;
    }
}
