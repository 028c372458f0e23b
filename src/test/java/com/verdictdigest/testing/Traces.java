package com.verdictdigest.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where a reader is still to be found, searched the way an auditor would: every row of every table
 * (any text that holds the address, in any case; any column {@code subscriber_id}, and the
 * subscriber table's {@code id}, that holds the reader's id), and the bytes of every file in a
 * folder (the address in any case of its letters).
 */
public final class Traces {
    private Traces() {
    }

    /** "table.column" for each value that names the reader. */
    public static List<String> inTables(Connection con, String address, long readerId) throws SQLException {
        String key = address.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        DatabaseMetaData meta = con.getMetaData();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, con.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        String quote = meta.getIdentifierQuoteString();
        for (String table : tables) {
            try (Statement st = con.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + quote + table + quote)) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        String column = rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT);
                        Object value = rs.getObject(i);
                        boolean idColumn = column.equals("subscriber_id") || (table.equalsIgnoreCase("subscriber") && column.equals("id"));
                        if ((value instanceof String s && s.toLowerCase(Locale.ROOT).contains(key))
                                || (idColumn && value instanceof Number n && n.longValue() == readerId)) {
                            found.add(table.toLowerCase(Locale.ROOT) + "." + column);
                        }
                    }
                }
            }
        }
        return found;
    }

    /** The files under {@code dir} (outside {@code except}, when given) whose bytes hold the address, in any case. */
    public static List<Path> inFiles(Path dir, String address, Path except) throws IOException {
        byte[] key = address.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (except != null && file.startsWith(except)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] >= 'A' && bytes[i] <= 'Z') {
                        bytes[i] += 'a' - 'A';
                    }
                }
                if (indexOf(bytes, key) >= 0) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] bytes, byte[] key) {
        outer:
        for (int i = 0; i + key.length <= bytes.length; i++) {
            for (int j = 0; j < key.length; j++) {
                if (bytes[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
