package com.verdictdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.Main;
import com.verdictdigest.app.App;
import com.verdictdigest.config.Settings;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.store.Database;
import com.verdictdigest.store.StoreConfig;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.OnPostgres;
import com.verdictdigest.testing.TestDatabase;
import com.verdictdigest.testing.TestPostgres;
import com.verdictdigest.votes.Choice;
import com.verdictdigest.votes.Tally;
import com.verdictdigest.votes.ToolTally;
import com.verdictdigest.votes.Votes;
import com.verdictdigest.week.IsoWeek;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code db copy} carries the votes, an erased reader's among them, and new votes follow on the target. */
@OnPostgres
class VotesCopyOnPostgresTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");

    @TempDir
    Path dir;

    @Test
    void votesAreCopiedWithTheirIdsAndAnErasedReadersVoteStillCounts() throws Exception {
        String h2 = "jdbc:h2:file:" + dir.resolve("h2").resolve("verdicts").toAbsolutePath() + ";AUTO_SERVER=TRUE";
        try (DigestFixture embedded = new DigestFixture(Database.open(new StoreConfig(h2, "sa", "")))) {
            embedded.importPages("sample");
            Votes votes = new Votes(embedded.db.dataSource(), new EventLog(embedded.db.dataSource(), Clock.systemUTC()), 1,
                    Clock.systemUTC());
            long[] ids = new long[2];
            for (int i = 0; i < ids.length; i++) {
                embedded.subscribers.add(EmailAddress.parse("r" + i + "@example.com"), SubscriberStatus.ACTIVE);
                ids[i] = embedded.subscribers.find(EmailAddress.parse("r" + i + "@example.com")).orElseThrow().id();
            }
            votes.cast(ids[0], "cursor-3", Choice.SHIP, W48);
            votes.cast(ids[1], "cursor-3", Choice.SKIP, W48);
            // What erasing a reader's data does to the subscriber table (another feature's): the row goes.
            try (Connection con = embedded.db.dataSource().getConnection();
                 PreparedStatement ps = con.prepareStatement("DELETE FROM subscriber WHERE id = ?")) {
                ps.setLong(1, ids[1]);
                ps.executeUpdate();
            }
        }
        String pg = TestDatabase.url(dir.resolve("pg"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"db", "copy", "--to", pg, "--to-user", TestPostgres.PASSWORD_USER,
                "--to-password", TestPostgres.PASSWORD_USER_PASSWORD},
                Map.of("VERDICTS_DATA_DIR", dir.resolve("data").toString(), "VERDICTS_DB_URL", h2),
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("vote\\s+2\\s+2");
        try (App app = new App(Settings.load(null, Map.of("VERDICTS_DATA_DIR", dir.resolve("data").toString(),
                "VERDICTS_DB_URL", pg, "VERDICTS_DB_USER", TestPostgres.PASSWORD_USER,
                "VERDICTS_DB_PASSWORD", TestPostgres.PASSWORD_USER_PASSWORD)), Clock.systemUTC())) {
            assertThat(app.votes().tallies()).extracting(ToolTally::tally).containsExactly(new Tally("cursor-3", 1, 1));
            app.subscribers().add(EmailAddress.parse("new@example.com"), SubscriberStatus.ACTIVE);
            long added = app.subscribers().find(EmailAddress.parse("new@example.com")).orElseThrow().id();
            assertThat(app.votes().cast(added, "cursor-3", Choice.SHIP, W48)).as("the next vote id follows the copied ones")
                    .isEqualTo(Votes.Outcome.CAST);
            assertThat(app.votes().tally("cursor-3")).isEqualTo(new Tally("cursor-3", 2, 1));
        }
    }
}
