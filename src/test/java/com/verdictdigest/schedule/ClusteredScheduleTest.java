package com.verdictdigest.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.verdictdigest.editions.EditionStatus;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.testing.ChildProcess;
import com.verdictdigest.testing.DigestFixture;
import com.verdictdigest.testing.Poll;
import com.verdictdigest.testing.SenderFixture;
import com.verdictdigest.testing.SitePages;
import com.verdictdigest.testing.TestDatabase;
import com.verdictdigest.week.IsoWeek;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two `serve` processes on one database: each planned run fires in one of them only, and readers get one message. */
class ClusteredScheduleTest {
    private static final Pattern FIRED = Pattern.compile("Schedule fired \\(due (\\S+)\\)");

    @TempDir
    Path dir;
    private final List<Process> nodes = new ArrayList<>();
    private SenderFixture fx;
    private Path site;

    /**
     * The site the nodes read on every run: one comparison published in the week that just ended
     * by today's clock, the week their schedule sends, whatever the date the test runs on.
     */
    private Path siteWithAComparisonLastWeek() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("site"));
        ZoneId utc = ZoneId.of("UTC");
        Instant published = IsoWeek.of(Instant.now(), utc).previous().start(utc).plus(Duration.ofDays(2));
        SitePages.variantWithSlug(folder, "last-week", doc -> SitePages.publishedAt(doc, published));
        return folder;
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process node : nodes) {
            node.destroy();
            if (!node.waitFor(20, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        if (fx != null) {
            fx.close();
        }
    }

    private Process node(String name) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.putAll(TestDatabase.settings(dir.resolve("db")));
        env.put("VERDICTS_DATA_DIR", dir.resolve(name).toString());
        env.put("VERDICTS_LINKS_SECRET", new String(DigestFixture.SECRET, StandardCharsets.UTF_8));
        env.put("VERDICTS_SITE_BASE_URL", DigestFixture.BASE.toString());
        env.put("VERDICTS_HTTP_PORT", "0");
        env.put("VERDICTS_DIGEST_TIMEZONE", "UTC");
        env.put("VERDICTS_DIGEST_SCHEDULE", "0/2 * * * * ?");
        env.put("VERDICTS_CATALOG_SOURCE", site.toString());
        Files.createDirectories(dir.resolve(name));
        Process p = ChildProcess.start(dir.resolve(name + ".log"), env, "serve");
        nodes.add(p);
        return p;
    }

    private List<String> firings(String name) throws Exception {
        List<String> due = new ArrayList<>();
        Matcher m = FIRED.matcher(Files.readString(dir.resolve(name + ".log")));
        while (m.find()) {
            due.add(m.group(1));
        }
        return due;
    }

    private long outboxFiles(String name) throws Exception {
        Path outbox = dir.resolve(name).resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).count();
        }
    }

    private int fired(String name) {
        try {
            return firings(name).size();
        } catch (Exception e) {
            return 0; // the log is not there yet
        }
    }

    @Test
    void eachPlannedRunFiresInOneProcessOnlyAndTheOtherTakesOverWhenItStops() throws Exception {
        fx = new SenderFixture(dir.resolve("db"));
        fx.readers(20, "r", SubscriberStatus.ACTIVE);
        site = siteWithAComparisonLastWeek();
        Process a = node("a");
        Process b = node("b");

        Poll.until(() -> fired("a") + fired("b") >= 3, Duration.ofSeconds(60));
        assertThat(a.isAlive() && b.isAlive()).as("both processes scheduling at once").isTrue();
        // Stop the one that has been firing; the other must take over the schedule.
        String first = fired("a") >= fired("b") ? "a" : "b";
        String other = first.equals("a") ? "b" : "a";
        Process stopping = first.equals("a") ? a : b;
        stopping.destroy();
        assertThat(stopping.waitFor(20, TimeUnit.SECONDS)).isTrue();
        int otherBefore = fired(other);
        Poll.until(() -> fired(other) >= otherBefore + 3, Duration.ofSeconds(60));
        IsoWeek lastWeek = IsoWeek.of(Instant.now(), ZoneId.of("UTC")).previous();
        Poll.until(() -> fx.editions.find(lastWeek).map(e -> e.status() == EditionStatus.SENT).orElse(false), Duration.ofSeconds(30));

        List<String> all = new ArrayList<>(firings("a"));
        all.addAll(firings("b"));
        System.out.printf("fired in a: %s; in b: %s%n", firings("a"), firings("b"));
        assertThat(all).as("each planned run fired once, across both processes").doesNotHaveDuplicates();
        assertThat(fired(other)).as("the second process took the schedule over").isGreaterThanOrEqualTo(otherBefore + 3);
        assertThat(outboxFiles("a") + outboxFiles("b")).as("one message per reader, whichever process sent it").isEqualTo(20);
    }
}
