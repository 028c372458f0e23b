package com.verdictdigest.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.store.Database;
import com.verdictdigest.testing.Readers;
import com.verdictdigest.store.StoredCopies;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.TestDatabase;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriberCsvTest {
    @TempDir
    Path dir;
    private Database db;
    private SubscriberRepository repo;
    private SubscriberCsv csv;

    @BeforeEach
    void setUp() {
        db = TestDatabase.open(dir);
        repo = new SubscriberRepository(db.dataSource(), Clock.systemUTC());
        csv = new SubscriberCsv(repo, new SubscriptionService(db.dataSource(), repo,
                new com.verdictdigest.events.EventLog(db.dataSource(), Clock.systemUTC()), null, new SuppressionList(DigestFixture.SECRET),
                new StoredCopies(dir, null), Duration.ofMinutes(15), Clock.systemUTC()));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void badRowsAreReportedByLineAndTheRestGoIn() throws Exception {
        String file = "name,email\nAda,ada@example.com\nBad,not-an-email\n\"Quoted, Name\",\"grace@example.com\"\nX,Ada@EXAMPLE.com\n";

        SubscriberCsv.ImportResult r = csv.importFrom(new StringReader(file), "readers.csv", SubscriberStatus.ACTIVE);

        assertThat(r.added()).isEqualTo(2);
        assertThat(r.unchanged()).as("same address in another case").isEqualTo(1);
        assertThat(r.problems()).containsExactly("readers.csv:3: 'not-an-email' is not a valid email address");
        assertThat(Readers.all(repo, null)).extracting(Subscriber::email).containsExactly("ada@example.com", "grace@example.com");
    }

    @Test
    void reimportNeverDuplicatesNorReactivatesSomeoneWhoLeft() throws Exception {
        repo.add(EmailAddress.parse("left@example.com"), SubscriberStatus.UNSUBSCRIBED);
        repo.add(EmailAddress.parse("pending@example.com"), SubscriberStatus.PENDING);
        String file = "email\nleft@example.com\npending@example.com\nnew@example.com\n";

        csv.importFrom(new StringReader(file), "a.csv", SubscriberStatus.ACTIVE);
        SubscriberCsv.ImportResult again = csv.importFrom(new StringReader(file), "a.csv", SubscriberStatus.ACTIVE);

        assertThat(again.summary()).isEqualTo("Import finished: 0 added, 0 activated, 3 already there, 0 refused");
        assertThat(Readers.all(repo, null)).extracting(Subscriber::email, Subscriber::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("left@example.com", SubscriberStatus.UNSUBSCRIBED),
                org.assertj.core.groups.Tuple.tuple("pending@example.com", SubscriberStatus.ACTIVE),
                org.assertj.core.groups.Tuple.tuple("new@example.com", SubscriberStatus.ACTIVE));
    }

    @Test
    void fileWithoutAnEmailColumnIsRefusedWhole() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        csv.importFrom(new StringReader("name\nAda\n"), "x.csv", SubscriberStatus.ACTIVE))
                .hasMessage("x.csv: no header row with an 'email' column");
    }

    @Test
    void exportWritesEveryReaderAsCsv() throws Exception {
        repo.add(EmailAddress.parse("ada@example.com"), SubscriberStatus.ACTIVE);
        repo.add(EmailAddress.parse("bob@example.com"), SubscriberStatus.UNSUBSCRIBED);
        StringWriter out = new StringWriter();

        assertThat(csv.export(out)).isEqualTo(2);

        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).isEqualTo("email,status,created");
        assertThat(lines[1]).startsWith("ada@example.com,active,");
        assertThat(lines[2]).startsWith("bob@example.com,unsubscribed,");
    }

    @Test
    void exportOfMoreReadersThanOnePageWritesEachOnceInOrder() throws Exception {
        repo.insertActive(IntStream.rangeClosed(1, 2_345).mapToObj(i -> EmailAddress.parse("r" + i + "@example.com")).toList());
        StringWriter out = new StringWriter();

        assertThat(csv.export(out)).isEqualTo(2_345);

        List<String> emails = out.toString().lines().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
        assertThat(emails).containsExactlyElementsOf(IntStream.rangeClosed(1, 2_345).mapToObj(i -> "r" + i + "@example.com").toList());
    }

    @Test
    void aByteThatIsNotUtf8RefusesOnlyItsRowAndAByteOrderMarkIsSkipped() throws Exception {
        byte[] file = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "email\nada@example.com\nb".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xFF},
                "b@example.com\ncy@example.com\n".getBytes(StandardCharsets.US_ASCII));

        SubscriberCsv.ImportResult r = csv.importFrom(new java.io.ByteArrayInputStream(file), "readers.csv", SubscriberStatus.ACTIVE);

        assertThat(r.added()).isEqualTo(2);
        assertThat(r.problems()).singleElement().asString().startsWith("readers.csv:3: ");
    }

    @Test
    void anAddressASpreadsheetWouldRunAsAFormulaIsExportedDefusedAndReadBack() throws Exception {
        repo.add(EmailAddress.parse("=1+1@example.com"), SubscriberStatus.ACTIVE);
        java.io.StringWriter out = new java.io.StringWriter();

        csv.export(out);
        String exported = out.toString();
        repo.add(EmailAddress.parse("other@example.com"), SubscriberStatus.ACTIVE);

        assertThat(exported.lines().skip(1)).singleElement().asString().startsWith("\"'=1+1@example.com\",");
        SubscriberCsv.ImportResult again = csv.importFrom(new StringReader(exported), "back.csv", SubscriberStatus.ACTIVE);
        assertThat(again.unchanged()).as("the same reader, not a new one").isEqualTo(1);
        assertThat(again.added()).isZero();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }
}
