package com.verdictdigest.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.mail.OutboxMailer;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.week.IsoWeek;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a dead sender's journal puts back into a ledger that lost its last commits. */
class SendJournalTest {
    @TempDir
    Path dir;
    private SenderFixture fx;
    private Path journals;
    private List<Subscriber> readers;
    private long edition;

    @BeforeEach
    void setUp() {
        fx = new SenderFixture(dir.resolve("db"));
        journals = dir.resolve("data").resolve("journal");
        readers = fx.readers(4, "reader", SubscriberStatus.ACTIVE);
        edition = fx.editions.plan(IsoWeek.parse("2026-W48"), "Week 48", List.of(), 0).id();
        fx.ledger.startSending(edition, true);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private long reader(int n) {
        return readers.get(n - 1).id();
    }

    /** A journal as a killed process leaves it: nobody holds its lock. */
    private void deadJournal(String processId, String lines) throws Exception {
        Files.createDirectories(journals);
        Files.writeString(journals.resolve(processId + ".1.journal"), lines);
    }

    private long journalFiles() throws Exception {
        try (Stream<Path> files = Files.list(journals)) {
            return files.count();
        }
    }

    @Test
    void aDeadSendersJournalRecordsWhatWasAcceptedAndPutsTheStartedMessageInDoubt() throws Exception {
        // The ledger lost everything: all four are still pending. The journal saw 1 and 2 accepted and 3 start.
        deadJournal("dead", "S %d %d\nD %d %d\nS %d %d\nD %d %d\nS %d %d\n".formatted(
                edition, reader(1), edition, reader(1), edition, reader(2), edition, reader(2), edition, reader(3)));

        int inDoubt = fx.ledger.replayJournals();

        DeliveryCounts counts = fx.ledger.counts(edition);
        assertThat(inDoubt).isEqualTo(1);
        assertThat(counts.sent()).isEqualTo(2);
        assertThat(counts.pending()).as("the one in doubt goes again, the fourth was never started").isEqualTo(2);
        assertThat(counts.inDoubt()).isEqualTo(1);
        assertThat(journalFiles()).as("replayed journals are deleted").isZero();
    }

    @Test
    void aTornLastLineIsIgnoredEvenWhenWhatIsLeftLooksWhole() throws Exception {
        // "D <edition> <reader 2>" cut short could name another reader: only lines with their end count.
        deadJournal("dead", "S %d %d\nD %d %d\nD %d %d".formatted(edition, reader(1), edition, reader(1), edition, reader(2)));

        assertThat(fx.ledger.replayJournals()).isZero();

        assertThat(fx.ledger.counts(edition).sent()).isEqualTo(1);
    }

    @Test
    void aReaderReleasedOnOneConnectionAndSentOnAnotherIsSent() throws Exception {
        Files.createDirectories(journals);
        Files.writeString(journals.resolve("dead.2.journal"), "S %d %d\nD %d %d\n".formatted(edition, reader(1), edition, reader(1)));
        Files.writeString(journals.resolve("dead.1.journal"), "S %d %d\n".formatted(edition, reader(1)));

        assertThat(fx.ledger.replayJournals()).isZero();

        assertThat(fx.ledger.counts(edition).sent()).isEqualTo(1);
        assertThat(fx.ledger.counts(edition).inDoubt()).isZero();
    }

    @Test
    void aLiveSenderPutsBackWhatItsJournalSawAcceptedBeforeItStartsAfresh() throws Exception {
        // The database lost this connection's record (its host process died): the ledger says pending.
        try (SendJournal live = fx.ledger.journal("live", 1)) {
            live.started(edition, reader(1));
            live.sent(edition, reader(1));

            fx.ledger.makeDurable(live, "live");
            live.clear();

            assertThat(fx.ledger.counts(edition).sent()).isEqualTo(1);
            assertThat(live.accepted()).isEmpty();
        }
    }

    @Test
    void aLiveSendersJournalIsLeftAlone() throws Exception {
        try (SendJournal live = fx.ledger.journal("live", 1)) {
            live.started(edition, reader(1));

            assertThat(fx.ledger.replayJournals()).isZero();

            assertThat(fx.ledger.counts(edition).pending()).isEqualTo(4);
            assertThat(journalFiles()).isEqualTo(1);
        }
        assertThat(journalFiles()).as("closed with the ledger durable: deleted").isZero();
    }

    @Test
    void recordsAnotherProcessNowHoldsAreNotTouched() throws Exception {
        List<Long> claimed = fx.ledger.claim(edition, "other");
        assertThat(claimed).contains(reader(1));
        deadJournal("dead", "D %d %d\n".formatted(edition, reader(1)));

        fx.ledger.replayJournals();

        assertThat(fx.ledger.counts(edition).sent()).isZero();
    }

    @Test
    void aFinishedSendLeavesNoJournal() throws Exception {
        fx.sender(new OutboxMailer(dir.resolve("outbox")), SenderFixture.fast(2)).send(IsoWeek.parse("2026-W47"));

        assertThat(journalFiles()).isZero();
    }
}
