package com.verdictdigest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.verdictdigest.Main;
import com.verdictdigest.app.App;
import com.verdictdigest.config.Settings;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.votes.Choice;
import com.verdictdigest.votes.Votes;
import com.verdictdigest.week.IsoWeek;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code votes} prints the tallies the site's API gives; {@code events} counts the votes per edition. */
class VotesCommandTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");
    private static final IsoWeek W49 = IsoWeek.parse("2026-W49");

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("VERDICTS_DATA_DIR", dir.resolve("data").toString());
        env.put("VERDICTS_VOTES_MIN_READERS", "2");
        return env;
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, env(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    /** Three readers vote on Cursor 3 from the edition of W48 (one changes their mind from W49's), one on Windsurf. */
    @BeforeEach
    void setUp() {
        assertThat(run("import").exit()).isZero();
        try (App app = new App(Settings.load(null, env()), Clock.systemUTC())) {
            Votes votes = app.votes();
            long[] readers = new long[3];
            for (int i = 0; i < readers.length; i++) {
                EmailAddress email = EmailAddress.parse("reader" + i + "@example.com");
                app.subscribers().add(email, SubscriberStatus.ACTIVE);
                readers[i] = app.subscribers().find(email).orElseThrow().id();
            }
            votes.cast(readers[0], "cursor-3", Choice.SHIP, W48);
            votes.cast(readers[1], "cursor-3", Choice.SKIP, W48);
            votes.cast(readers[2], "cursor-3", Choice.SKIP, W48);
            votes.cast(readers[2], "cursor-3", Choice.SHIP, W49);
            votes.cast(readers[0], "windsurf", Choice.SKIP, W49);
        }
    }

    @Test
    void theTableShowsEachToolsTallyAndWhichTheDigestShows() {
        Result r = run("votes");

        assertThat(r.exit()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).startsWith("TOOL").contains("SHIP", "SKIP", "VOTES", "IN THE DIGEST");
        assertThat(lines[1]).startsWith("cursor-3").contains("Cursor 3").endsWith("Readers: 67% ship, 3 votes");
        assertThat(lines[2]).startsWith("windsurf").endsWith("-");
        assertThat(lines[3]).isEqualTo("2 tools with votes; the digest shows a tally from 2 votes (votes.min-readers)");
    }

    @Test
    void jsonIsWhatTheApiGives() throws Exception {
        Result r = run("votes", "--format", "json");

        assertThat(r.exit()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("minReaders").asInt()).isEqualTo(2);
        assertThat(json.get("tools")).hasSize(2);
        JsonNode cursor = json.get("tools").get(0);
        assertThat(cursor.get("slug").asText()).isEqualTo("cursor-3");
        assertThat(cursor.get("name").asText()).isEqualTo("Cursor 3");
        assertThat(cursor.get("ship").asInt()).isEqualTo(2);
        assertThat(cursor.get("skip").asInt()).isEqualTo(1);
        assertThat(cursor.get("votes").asInt()).isEqualTo(3);
        assertThat(cursor.get("shipPercent").asInt()).isEqualTo(67);
    }

    @Test
    void eventsCountEveryVoteCastOrChangedPerEdition() throws Exception {
        JsonNode json = new ObjectMapper().readTree(run("events", "--format", "json").out());

        assertThat(json.get("perEdition").get("2026-W48").get("vote").asInt()).isEqualTo(3);
        assertThat(json.get("perEdition").get("2026-W49").get("vote").asInt()).isEqualTo(2);
        assertThat(run("events", "--edition", "2026-W49").out()).contains("2026-W49: {vote=2}");
    }
}
