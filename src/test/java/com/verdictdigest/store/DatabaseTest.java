package com.verdictdigest.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    /** The highest version among the migration files, common and per engine. */
    private static int latestMigration() throws Exception {
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
    }

    @Test
    void everyTableThatHoldsDataIsCopiedByDbCopy() throws Exception {
        try (Database db = TestDatabase.open(dir); Connection con = db.connection(); Statement st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT LOWER(table_name) FROM information_schema.tables"
                     + " WHERE LOWER(table_schema) = 'public' AND table_type = 'BASE TABLE'")) {
            Set<String> tables = new HashSet<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            tables.removeIf(t -> t.startsWith("qrtz_") || t.equals("flyway_schema_history") || t.equals("sender_process"));
            assertThat(tables).as("a table a migration adds is copied, or named here as not data")
                    .containsExactlyInAnyOrderElementsOf(DatabaseCopy.TABLES);
        }
    }

    @Test
    void opensTheEngineOfItsTestAndMigratesEveryVersion() throws Exception {
        try (Database db = TestDatabase.open(dir); Connection con = db.connection(); Statement st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(CAST(\"version\" AS INTEGER)) FROM \"flyway_schema_history\" WHERE \"success\"")) {
            assertThat(con.getMetaData().getDatabaseProductName()).isEqualTo(TestDatabase.productName());
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(latestMigration());
        }
    }
}
