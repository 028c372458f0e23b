package com.verdictdigest.admin;

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
    private final EditionStore editions;
    private final DeliveryLedger ledger;
    private final EventLog events;
    private final EditionControl control;
    private final EditionProofs proofs;
    private final Supplier<Optional<Instant>> nextRun;
    private final Path outbox;

    /**
     * @param outbox the outbox folder when mail goes there (the default transport), otherwise null
     */
    public Operator(EditionStore editions, DeliveryLedger ledger, EventLog events, EditionControl control, EditionProofs proofs,
                    Supplier<Optional<Instant>> nextRun, Path outbox) {
        this.editions = editions;
        this.ledger = ledger;
        this.events = events;
        this.control = control;
        this.proofs = proofs;
        this.nextRun = nextRun;
        this.outbox = outbox;
    }

    public List<EditionFigures> editions() {
        Map<String, Map<String, Integer>> perEdition = events.countsPerEdition();
        return editions.all().stream().map(e -> figures(e, perEdition)).toList();
    }

    public Optional<EditionFigures> edition(IsoWeek week) {
        Map<String, Map<String, Integer>> perEdition = events.countsPerEdition();
        return editions.find(week).map(e -> figures(e, perEdition));
    }

    private EditionFigures figures(EditionRecord e, Map<String, Map<String, Integer>> perEdition) {
        return EditionFigures.of(e, ledger.counts(e.id()), perEdition.getOrDefault(e.week().toString(), Map.of()));
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
