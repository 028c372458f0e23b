package com.verdictdigest.votes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.verdictdigest.events.Event;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.week.IsoWeek;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Votes on the real database: one per reader and tool, each cast or change one event, tallied. */
class VotesTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");
    private static final IsoWeek W49 = IsoWeek.parse("2026-W49");

    @TempDir
    Path dir;
    private DigestFixture fx;
    private EventLog events;
    private Votes votes;

    @BeforeEach
    void setUp() {
        fx = new DigestFixture(dir.resolve("db"));
        fx.importPages("sample");
        events = new EventLog(fx.db.dataSource(), Clock.systemUTC());
        votes = new Votes(fx.db.dataSource(), events, 3, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private long reader(String email) {
        fx.subscribers.add(EmailAddress.parse(email), SubscriberStatus.ACTIVE);
        return fx.subscribers.find(EmailAddress.parse(email)).orElseThrow().id();
    }

    @Test
    void aVoteIsCastWithItsEventOfTheEdition() {
        long ada = reader("ada@example.com");

        assertThat(votes.cast(ada, "cursor-3", Choice.SHIP, W48)).isEqualTo(Votes.Outcome.CAST);

        assertThat(votes.tally("cursor-3")).isEqualTo(new Tally("cursor-3", 1, 0));
        assertThat(events.list(W48)).extracting(Event::kind, Event::source, Event::tool, Event::email)
                .containsExactly(tuple("vote", "page", "cursor-3", "ada@example.com"));
    }

    @Test
    void aChangedVoteReplacesTheFirstAndIsAnEventOfItsOwnEdition() {
        long ada = reader("ada@example.com");
        votes.cast(ada, "cursor-3", Choice.SHIP, W48);

        assertThat(votes.cast(ada, "cursor-3", Choice.SKIP, W49)).isEqualTo(Votes.Outcome.CHANGED);

        assertThat(votes.tally("cursor-3")).isEqualTo(new Tally("cursor-3", 0, 1));
        assertThat(votes.of(ada)).extracting(Vote::toolSlug, Vote::choice, Vote::edition)
                .containsExactly(tuple("cursor-3", Choice.SKIP, W49));
        assertThat(events.countsPerEdition()).containsEntry("2026-W48", java.util.Map.of("vote", 1))
                .containsEntry("2026-W49", java.util.Map.of("vote", 1));
    }

    @Test
    void theSameChoiceAgainChangesNothingAndRecordsNothing() {
        long ada = reader("ada@example.com");
        votes.cast(ada, "cursor-3", Choice.SHIP, W48);

        assertThat(votes.cast(ada, "cursor-3", Choice.SHIP, W48)).isEqualTo(Votes.Outcome.UNCHANGED);
        assertThat(votes.cast(ada, "cursor-3", Choice.SHIP, W49)).isEqualTo(Votes.Outcome.UNCHANGED);

        assertThat(votes.tally("cursor-3").votes()).isEqualTo(1);
        assertThat(events.list(null)).filteredOn(e -> e.kind().equals("vote")).hasSize(1);
        assertThat(votes.of(ada).get(0).edition()).as("the edition of the vote as cast").isEqualTo(W48);
    }

    @Test
    void aDoubleClickPostingTwiceAtOnceIsOneVoteAndOneEvent() throws Exception {
        long ada = reader("ada@example.com");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                Choice choice = round % 2 == 0 ? Choice.SHIP : Choice.SKIP;
                List<Callable<Votes.Outcome>> both = List.of(() -> votes.cast(ada, "cursor-3", choice, W48),
                        () -> votes.cast(ada, "cursor-3", choice, W48));
                List<Votes.Outcome> outcomes = new ArrayList<>();
                for (Future<Votes.Outcome> f : pool.invokeAll(both)) {
                    outcomes.add(f.get());
                }
                assertThat(outcomes).as("round " + round).containsOnlyOnce(Votes.Outcome.UNCHANGED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(votes.tally("cursor-3")).isEqualTo(new Tally("cursor-3", 0, 1));
        assertThat(events.list(W48)).hasSize(10);
    }

    @Test
    void talliesCountEachReaderOnceAndTheDigestShowsOnlyToolsWithEnoughVotes() {
        long[] readers = {reader("r1@example.com"), reader("r2@example.com"), reader("r3@example.com"), reader("r4@example.com")};
        votes.cast(readers[0], "cursor-3", Choice.SHIP, W48);
        votes.cast(readers[1], "cursor-3", Choice.SHIP, W48);
        votes.cast(readers[2], "cursor-3", Choice.SKIP, W48);
        votes.cast(readers[3], "cursor-3", Choice.SKIP, W48);
        votes.cast(readers[3], "cursor-3", Choice.SHIP, W48); // changed: still one reader
        votes.cast(readers[0], "windsurf", Choice.SKIP, W48);
        votes.cast(readers[1], "windsurf", Choice.SKIP, W48);

        assertThat(votes.tallies()).extracting(t -> t.tally(), ToolTally::name).containsExactly(
                tuple(new Tally("cursor-3", 3, 1), "Cursor 3"), tuple(new Tally("windsurf", 0, 2), "Windsurf"));
        assertThat(votes.talliesShown()).as("windsurf has 2 votes of the 3 needed").containsOnlyKeys("cursor-3");
        assertThat(votes.talliesShown().get("cursor-3")).isEqualTo("Readers: 75% ship, 4 votes");
        assertThat(votes.tally("claude-code")).isEqualTo(new Tally("claude-code", 0, 0));
    }

    @Test
    void aBallotNamesTheToolOfTheLinkAndTheReadersVote() {
        long ada = reader("ada@example.com");
        long cursor = fx.catalog.toolIds().get("cursor-3");
        assertThat(votes.ballot(ada, cursor)).hasValueSatisfying(b -> {
            assertThat(b.toolName()).isEqualTo("Cursor 3");
            assertThat(b.tagline()).isNotBlank();
            assertThat(b.current()).isEmpty();
        });

        votes.cast(ada, "cursor-3", Choice.SKIP, W48);

        assertThat(votes.ballot(ada, cursor).orElseThrow().current()).contains(Choice.SKIP);
        assertThat(votes.ballot(reader("bob@example.com"), cursor).orElseThrow().current()).as("another reader's").isEmpty();
        assertThat(votes.ballot(ada, 999_999)).isEmpty();
    }

    @Test
    void anErasedReadersVoteStaysInTheTallyWithoutThem() throws Exception {
        long ada = reader("ada@example.com");
        long bob = reader("bob@example.com");
        votes.cast(ada, "cursor-3", Choice.SHIP, W48);
        votes.cast(bob, "cursor-3", Choice.SKIP, W48);

        // What erasing a reader's data does to the subscriber table (another feature's): the row goes.
        try (Connection con = fx.db.dataSource().getConnection();
             PreparedStatement ps = con.prepareStatement("DELETE FROM subscriber WHERE id = ?")) {
            ps.setLong(1, ada);
            ps.executeUpdate();
        }

        assertThat(votes.of(ada)).isEmpty();
        assertThat(votes.tally("cursor-3")).isEqualTo(new Tally("cursor-3", 1, 1));
        assertThat(votes.cast(ada, "cursor-3", Choice.SKIP, W48)).as("no vote for a reader no longer there")
                .isEqualTo(Votes.Outcome.NOT_SUBSCRIBED);
        long carol = reader("carol@example.com");
        votes.cast(carol, "cursor-3", Choice.SHIP, W48);
        assertThat(votes.tally("cursor-3")).isEqualTo(new Tally("cursor-3", 2, 1));
    }

    @Test
    void aReaderWhoLeftVotesNoMore() {
        long ada = reader("ada@example.com");
        votes.cast(ada, "cursor-3", Choice.SHIP, W48);
        try (Connection con = fx.db.dataSource().getConnection();
             PreparedStatement ps = con.prepareStatement("UPDATE subscriber SET status = 'unsubscribed' WHERE id = ?")) {
            ps.setLong(1, ada);
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }

        assertThat(votes.cast(ada, "cursor-3", Choice.SKIP, W48)).isEqualTo(Votes.Outcome.NOT_SUBSCRIBED);
        assertThat(votes.tally("cursor-3")).isEqualTo(new Tally("cursor-3", 1, 0));
        assertThat(events.list(W48)).hasSize(1);
    }
}
