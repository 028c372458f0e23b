package com.verdictdigest.editions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.verdictdigest.store.Database;
import com.verdictdigest.testing.TestDatabase;
import com.verdictdigest.week.IsoWeek;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditionStoreTest {
    private static final IsoWeek W48 = IsoWeek.parse("2026-W48");

    @TempDir
    Path dir;
    private Database db;
    private EditionStore editions;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(dir);
        editions = new EditionStore(db.dataSource(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aChangeFromAStatusTheEditionNoLongerHasChangesNothing() {
        long id = editions.plan(W48, "Week 48", List.of(), 0).id();
        assertThat(editions.change(id, EditionStatus.PLANNED, EditionStatus.PAUSED, "paused by the operator")).isTrue();

        assertThat(editions.change(id, EditionStatus.PLANNED, EditionStatus.CANCELLED, "cancelled"))
                .as("whoever changed it meanwhile wins").isFalse();
        assertThat(editions.byId(id).statusLine()).isEqualTo("paused: paused by the operator");
    }

    @Test
    void aMoveFollowsTheTransitionsOfWhateverStatusTheEditionHasNow() {
        long id = editions.plan(W48, "Week 48", List.of(), 0).id();
        assertThat(editions.move(id, EditionStatus.SENT, null)).as("a planned edition was never started").isFalse();
        assertThat(editions.move(id, EditionStatus.CANCELLED, "cancelled by the operator")).isTrue();
        assertThat(editions.move(id, EditionStatus.PAUSED, "paused")).as("cancelled is final").isFalse();
        assertThat(editions.byId(id).status()).isEqualTo(EditionStatus.CANCELLED);
    }

    @Test
    void aTransitionTheStatusesDoNotAllowIsRefusedAsAProgrammingError() {
        long id = editions.plan(W48, "Week 48", List.of(), 0).id();
        assertThatThrownBy(() -> editions.change(id, EditionStatus.SENT, EditionStatus.SENDING, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("an edition sent cannot become sending");
    }

    @Test
    void planningTheSameWeekTwiceKeepsTheFirstEditionAndItsComparisons() {
        EditionRecord first = editions.plan(W48, "Week 48", List.of("a", "b"), 3);
        EditionRecord second = editions.plan(W48, "Other", List.of("c"), 0);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(editions.comparisonSlugs(first.id())).containsExactly("a", "b");
        editions.skipWeek(W48, "late");
        assertThat(editions.byId(first.id()).status()).isEqualTo(EditionStatus.PLANNED);
    }
}
