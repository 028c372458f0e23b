package com.verdictdigest.admin;

import com.verdictdigest.bounces.ReportStore;
import com.verdictdigest.bounces.UnrecognizedReport;
import com.verdictdigest.delivery.DeliveryLedger;
import com.verdictdigest.delivery.EditionControl;
import com.verdictdigest.editions.EditionProofs;
import com.verdictdigest.editions.EditionRecord;
import com.verdictdigest.editions.EditionStore;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.week.IsoWeek;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** What the admin page and API show and do, in one place. */
public final class Operator {
    /** How many unrecognized reports the page lists, newest first. */
    static final int UNRECOGNIZED_LISTED = 20;

    private final EditionStore editions;
    private final DeliveryLedger ledger;
    private final EventLog events;
    private final ReportStore reports;
    private final EditionControl control;
    private final EditionProofs proofs;
    private final Supplier<Optional<Instant>> nextRun;
    private final Path outbox;

    /**
     * @param reports the reports read from the return path (the unrecognized ones are shown)
     * @param outbox the outbox folder when mail goes there (the default transport), otherwise null
     */
    public Operator(EditionStore editions, DeliveryLedger ledger, EventLog events, ReportStore reports, EditionControl control,
                    EditionProofs proofs, Supplier<Optional<Instant>> nextRun, Path outbox) {
        this.editions = editions;
        this.ledger = ledger;
        this.events = events;
        this.reports = reports;
        this.control = control;
        this.proofs = proofs;
        this.nextRun = nextRun;
        this.outbox = outbox;
    }

    public List<EditionFigures> editions() {
        Map<String, Map<String, Integer>> perEdition = events.countsPerEdition();
        Map<String, Map<String, Integer>> readers = events.readersPerEdition();
        return editions.all().stream().map(e -> figures(e, perEdition, readers)).toList();
    }

    public Optional<EditionFigures> edition(IsoWeek week) {
        Map<String, Map<String, Integer>> perEdition = events.countsPerEdition();
        Map<String, Map<String, Integer>> readers = events.readersPerEdition();
        return editions.find(week).map(e -> figures(e, perEdition, readers));
    }

    private EditionFigures figures(EditionRecord e, Map<String, Map<String, Integer>> perEdition,
                                   Map<String, Map<String, Integer>> readers) {
        String week = e.week().toString();
        return EditionFigures.of(e, ledger.counts(e.id()), ledger.skipReasons(e.id()), perEdition.getOrDefault(week, Map.of()), readers.getOrDefault(week, Map.of()));
    }

    /** The latest reports that could not be read, newest first: what the page lists. */
    public List<UnrecognizedReport> unrecognizedReports() {
        return reports.unrecognized(UNRECOGNIZED_LISTED);
    }

    /** One unrecognized report, with the part of its message that was kept. */
    public Optional<UnrecognizedReport> unrecognizedReport(long id) {
        return reports.unrecognized(id);
    }

    public EditionControl control() {
        return control;
    }

    /** Previews, test sends and dry runs. */
    public EditionProofs proofs() {
        return proofs;
    }

    public Optional<Instant> nextRun() {
        return nextRun.get();
    }

    /** The outbox's messages, newest first, or empty when mail goes to a relay. */
    public List<String> outboxFiles() {
        if (outbox == null || !Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml"))
                    .sorted(Comparator.comparing(Operator::modified).reversed())
                    .limit(500).map(f -> f.getFileName().toString()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** One outbox message's bytes; the name is checked so no path can leave the outbox. */
    public Optional<byte[]> outboxMessage(String name) {
        if (outbox == null || !name.matches("[A-Za-z0-9._-]+\\.eml")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(outbox.resolve(name)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public boolean hasOutbox() {
        return outbox != null;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
