package com.verdictdigest.catalog;

import static com.verdictdigest.testing.AlertFixture.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.testing.AlertFixture;
import com.verdictdigest.testing.TestClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an import records for each tool: a new comparison, a changed panel verdict, and nothing else. */
class VerdictChangesTest {
    @TempDir
    Path dir;
    AlertFixture fx;

    @BeforeEach
    void open() {
        fx = new AlertFixture(dir, new TestClock(Instant.parse("2026-03-02T09:00:00Z")));
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private List<String> changes() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection con = fx.db.connection(); Statement st = con.createStatement();
             ResultSet rs = st.executeQuery("SELECT tool_slug, comparison_slug, kind, old_verdict, new_verdict FROM verdict_change ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5));
            }
        }
        return rows;
    }

    @Test
    void aFirstImportIsANewComparisonForBothToolsAndTheSamePageAgainRecordsNothing() throws Exception {
        fx.publish("first", doc -> { });
        fx.publish("first", doc -> { });
        fx.publish("first", doc -> doc.selectFirst("article h1").text("A new title, the same verdicts"));

        assertThat(changes()).containsExactly(
                "mistral-3-small-22b first new-comparison null ship",
                "gpt-5-fine-tuning-api first new-comparison null ship");
    }

    @Test
    void aReimportWithAnotherPanelVerdictRecordsTheChangeForThatToolOnly() throws Exception {
        fx.publish("first", doc -> { });
        fx.publish("first", verdict("right", "Skip"));
        fx.publish("first", verdict("right", "Skip"));

        assertThat(changes()).hasSize(3).endsWith("gpt-5-fine-tuning-api first verdict-changed ship skip");
    }
}
