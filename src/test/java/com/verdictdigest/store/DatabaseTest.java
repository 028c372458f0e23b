package com.verdictdigest.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void opensTheEngineOfItsTestAndMigratesEveryVersion() throws Exception {
        try (Database db = TestDatabase.open(dir); Connection con = db.connection(); Statement st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(CAST(\"version\" AS INTEGER)) FROM \"flyway_schema_history\" WHERE \"success\"")) {
            assertThat(con.getMetaData().getDatabaseProductName()).isEqualTo(TestDatabase.productName());
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
    }
}
