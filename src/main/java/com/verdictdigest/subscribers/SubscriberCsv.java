package com.verdictdigest.subscribers;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.verdictdigest.events.EventKind;
import com.verdictdigest.events.EventLog;
import com.verdictdigest.events.EventSource;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Subscriber lists as CSV (RFC 4180, read and written with jackson-dataformat-csv): a header row
 * with at least {@code email}. A bad row is reported with its line number and the others still go in.
 */
public final class SubscriberCsv {
    private final SubscriberRepository repository;
    private final EventLog events;

    public SubscriberCsv(SubscriberRepository repository, EventLog events) {
        this.repository = repository;
        this.events = events;
    }

    /** An operator's add is an event like a reader's own sign-up, with the operator as its source. */
    public static void recordOperatorEvent(EventLog events, SubscriberRepository.Added added, long subscriberId) {
        switch (added) {
            case ADDED -> events.record(subscriberId, EventKind.SUBSCRIBE, EventSource.OPERATOR, null, null);
            case ACTIVATED -> events.record(subscriberId, EventKind.CONFIRM, EventSource.OPERATOR, null, null);
            case UNCHANGED -> { }
        }
    }

    /** The outcome of an import; {@code problems} holds one line per refused row. */
    public record ImportResult(int added, int activated, int unchanged, List<String> problems) {
        public String summary() {
            return "Import finished: " + added + " added, " + activated + " activated, " + unchanged
                    + " already there, " + problems.size() + " refused";
        }
    }

    public ImportResult importFrom(Reader in, String name, SubscriberStatus status) throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        int added = 0;
        int activated = 0;
        int unchanged = 0;
        List<String> problems = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(schema).readValues(in)) {
            if (!rows.hasNext() && rows.getParser().getSchema() instanceof CsvSchema s && s.column("email") == null) {
                throw new IOException(name + ": no header row with an 'email' column");
            }
            while (true) {
                Map<String, String> row;
                int line = rows.getCurrentLocation().getLineNr(); // where the next row starts
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    row = rows.nextValue();
                } catch (RuntimeJsonMappingException | IOException e) {
                    problems.add(name + ":" + line + ": unreadable row: " + e.getMessage());
                    continue;
                }
                if (!row.containsKey("email")) {
                    throw new IOException(name + ": no header row with an 'email' column");
                }
                try {
                    EmailAddress email = EmailAddress.parse(row.get("email"));
                    SubscriberRepository.Added outcome = repository.add(email, status);
                    switch (outcome) {
                        case ADDED -> added++;
                        case ACTIVATED -> activated++;
                        case UNCHANGED -> unchanged++;
                    }
                    if (outcome != SubscriberRepository.Added.UNCHANGED) {
                        recordOperatorEvent(events, outcome, repository.find(email).orElseThrow().id());
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(name + ":" + line + ": " + e.getMessage());
                }
            }
        }
        return new ImportResult(added, activated, unchanged, problems);
    }

    public int export(Writer out) throws IOException {
        CsvSchema schema = CsvSchema.builder().addColumn("email").addColumn("status").addColumn("created")
                .build().withHeader();
        int count = 0;
        try (SequenceWriter rows = new CsvMapper().writer(schema).writeValues(out)) {
            for (List<Subscriber> page : repository.pages(null, 1_000)) {
                for (Subscriber s : page) {
                    rows.write(Map.of("email", s.email(), "status", s.status().word(), "created", s.createdAt().toString()));
                    count++;
                }
            }
        }
        return count;
    }
}
