package com.verdictdigest.subscribers;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.verdictdigest.events.EventSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Subscriber lists as CSV (RFC 4180, read and written with jackson-dataformat-csv): a header row
 * with at least {@code email}. A bad row is reported with its line number and the others still go in.
 */
public final class SubscriberCsv {
    private static final char BOM = '\uFEFF';
    /** What a spreadsheet takes for the start of a formula (OWASP, CSV injection). */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    private final SubscriberRepository repository;
    private final SubscriptionService subscriptions;

    public SubscriberCsv(SubscriberRepository repository, SubscriptionService subscriptions) {
        this.repository = repository;
        this.subscriptions = subscriptions;
    }

    /** The outcome of an import; {@code problems} holds one line per refused row. */
    public record ImportResult(int added, int activated, int unchanged, List<String> problems) {
        public String summary() {
            return "Import finished: " + added + " added, " + activated + " activated, " + unchanged
                    + " already there, " + problems.size() + " refused";
        }
    }

    /**
     * Reads a CSV file's bytes as UTF-8: a byte that is not UTF-8 becomes U+FFFD, so only its row is
     * refused (by line), and a byte-order mark at the start is skipped.
     */
    public ImportResult importFrom(InputStream in, String name, SubscriberStatus status) throws IOException {
        return importFrom(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), name, status);
    }

    public ImportResult importFrom(Reader text, String name, SubscriberStatus status) throws IOException {
        PushbackReader in = new PushbackReader(text, 1);
        int first = in.read();
        if (first >= 0 && first != BOM) {
            in.unread(first);
        }
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
                    EmailAddress email = EmailAddress.parse(unguarded(row.get("email")));
                    switch (subscriptions.add(email, status, EventSource.OPERATOR)) {
                        case ADDED -> added++;
                        case ACTIVATED -> activated++;
                        case UNCHANGED -> unchanged++;
                        case SUPPRESSED -> problems.add(name + ":" + line + ": " + refusal(email));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(name + ":" + line + ": " + e.getMessage());
                }
            }
        }
        return new ImportResult(added, activated, unchanged, problems);
    }

    /** Why an erased reader's address is not added: the same words for the import and {@code subscribers add}. */
    public static String refusal(EmailAddress email) {
        return email.value() + " was erased at the reader's request (suppression list): only their own sign-up adds it again";
    }

    /**
     * An address a spreadsheet would run as a formula ({@code =1+1@example.com} is a valid address,
     * and anyone can sign up with one) is written with a leading apostrophe, as OWASP advises; the
     * import takes the apostrophe off again.
     */
    static String guarded(String value) {
        return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    static String unguarded(String value) {
        return value != null && value.length() > 1 && value.charAt(0) == '\'' && FORMULA_STARTS.indexOf(value.charAt(1)) >= 0
                ? value.substring(1) : value;
    }

    public int export(Writer out) throws IOException {
        CsvSchema schema = CsvSchema.builder().addColumn("email").addColumn("status").addColumn("created")
                .build().withHeader();
        int count = 0;
        try (SequenceWriter rows = new CsvMapper().writer(schema).writeValues(out)) {
            for (List<Subscriber> page : repository.pages(null, 1_000)) {
                for (Subscriber s : page) {
                    rows.write(Map.of("email", guarded(s.email()), "status", s.status().word(), "created", s.createdAt().toString()));
                    count++;
                }
            }
        }
        return count;
    }
}
