package com.verdictdigest.bounces;

import com.verdictdigest.mail.MessageIds;
import com.verdictdigest.mail.VerpAddress;
import com.verdictdigest.store.Jdbc;
import com.verdictdigest.store.StoreException;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.subscribers.SubscriptionService;
import com.verdictdigest.week.IsoWeek;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The one processor every way in (mailbox, pipe, files) hands its messages to: reads a message,
 * ties each finding to a reader, acts through the subscribers' one door, and records the message,
 * all in one transaction. A message read before (same fingerprint) changes nothing again.
 *
 * <p>Anyone can send mail to the return path, so what a report may change depends on how it names
 * the reader. The signed per-reader envelope sender (mail.return-path-verp) cannot be forged: it
 * may bounce, count a soft bounce and unsubscribe on a complaint. Our Message-ID is signed too
 * (MessageIds), and counts for the same, but only for a copy the ledger says went out, and only
 * when the report names no other recipient (it travels with forwarded copies). An address alone counts only for a hard bounce with a permanent (5.x.x) status, of a
 * reader sent a digest within {@code bounces.address-match-days}: a forged report can at worst stop
 * mail to an address that a real server would also refuse; it cannot unsubscribe anyone.
 */
public final class ReportProcessor {
    private final DataSource db;
    private final ReportParser parser;
    private final ReportStore reports;
    private final VerpAddress verp;
    private final MessageIds messageIds;
    private final SubscriberRepository readers;
    private final SubscriptionService subscriptions;
    private final BounceConfig config;
    private final Clock clock;

    /** @param verp the signed envelope senders, or null when mail.return-path-verp is off */
    public ReportProcessor(DataSource db, ReportParser parser, ReportStore reports, VerpAddress verp, MessageIds messageIds,
                           SubscriberRepository readers, SubscriptionService subscriptions, BounceConfig config, Clock clock) {
        this.db = db;
        this.parser = parser;
        this.reports = reports;
        this.verp = verp;
        this.messageIds = messageIds;
        this.readers = readers;
        this.subscriptions = subscriptions;
        this.config = config;
        this.clock = clock;
    }

    /** What a message was, and what it caused. */
    public record Processed(ParsedReport report, boolean readBefore, List<ReportOutcome> outcomes) {
    }

    /**
     * Reads one message and acts on it, or with {@code dryRun} says what it would do and changes nothing.
     *
     * @throws StoreException when the database cannot be reached: nothing was done, the message must be read again
     */
    public Processed process(byte[] message, ReportOrigin origin, boolean dryRun) {
        ParsedReport report = parser.parse(message);
        Jdbc.Work<Processed> work = con -> {
            if (reports.seen(con, report.fingerprint())) {
                return new Processed(report, true, report.findings().stream()
                        .map(f -> new ReportOutcome(f, null, null, null, "none: read before")).toList());
            }
            List<ReportOutcome> outcomes = new ArrayList<>();
            for (Finding f : report.findings()) {
                outcomes.add(act(con, report, f));
            }
            reports.record(con, report, origin, clock.instant(), summary(outcomes), message);
            return new Processed(report, false, outcomes);
        };
        try {
            return dryRun ? Jdbc.inRolledBackTransaction(db, "read a report", work) : Jdbc.inTransaction(db, "read a report", work);
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException s && Jdbc.isConstraintViolation(s) && readBefore(report)) {
                // Another process recorded the same message between our check and our insert: it acted, we did not.
                return new Processed(report, true, List.of());
            }
            throw e;
        }
    }

    /**
     * Makes what the reports read so far caused survive this process, before their messages are
     * removed from where they came (a mailbox, a mail server's queue).
     */
    public void writeToDisk() {
        reports.writeToDisk();
    }

    private boolean readBefore(ParsedReport report) {
        return Jdbc.run(db, "read a report", con -> reports.seen(con, report.fingerprint()));
    }

    private ReportOutcome act(Connection con, ParsedReport report, Finding f) throws SQLException {
        if (f.kind() == ReportKind.UNRECOGNIZED) {
            return new ReportOutcome(f, null, null, null, "kept for the operator");
        }
        Optional<Tie> tie = tie(con, report, f);
        if (tie.isEmpty()) {
            return new ReportOutcome(f, null, null, null, "none: no reader matched");
        }
        Tie t = tie.get();
        String edition = t.week() == null ? null : t.week().toString();
        return new ReportOutcome(f, t.reader().id(), edition, t.match(), switch (f.kind()) {
            case BOUNCE -> f.bounceClass() == BounceClass.HARD ? hard(con, t, f) : soft(con, t);
            case COMPLAINT -> t.signed() ? complaint(con, t) : "none: a complaint must name the reader by return path or Message-ID";
            default -> "none";
        });
    }

    private String hard(Connection con, Tie t, Finding f) throws SQLException {
        if (!t.signed() && (f.status() == null || !f.status().startsWith("5"))) {
            return "none: matched by address alone without a permanent status";
        }
        if (subscriptions.hardBounced(con, t.reader().id(), t.week())) {
            return "bounced";
        }
        return "none: reader is " + t.reader().status().word();
    }

    private String soft(Connection con, Tie t) throws SQLException {
        if (!t.signed()) {
            return "none: a soft bounce must name the reader by return path or Message-ID";
        }
        return switch (subscriptions.softBounced(con, t.reader().id(), t.week(), config.softLimit(), config.softWindow())) {
            case COUNTED -> "soft bounce counted";
            case BOUNCED -> "bounced: " + config.softLimit() + " soft bounces within " + config.softWindow().toDays() + " days";
            case IGNORED -> "none: reader is " + t.reader().status().word();
        };
    }

    private String complaint(Connection con, Tie t) throws SQLException {
        return subscriptions.complained(con, t.reader().id(), t.week()) ? "unsubscribed: complaint" : "none: already unsubscribed by a complaint";
    }

    /** A reader a finding is about, how we know, and whether that is proof enough for every action. */
    private record Tie(Subscriber reader, IsoWeek week, String match, boolean signed) {
    }

    private Optional<Tie> tie(Connection con, ParsedReport report, Finding f) throws SQLException {
        boolean alone = report.findings().size() == 1;
        if (verp != null) {
            for (String address : report.returnPaths()) {
                Optional<MessageIds.DigestCopy> copy = verp.parse(address);
                if (copy.isPresent()) {
                    Optional<Tie> t = copyTie(con, copy.get(), f, alone, "return-path");
                    if (t.isPresent()) {
                        return t;
                    }
                }
            }
        }
        for (String id : report.messageIds()) {
            Optional<MessageIds.DigestCopy> copy = messageIds.parse(id);
            if (copy.isPresent() && reports.sentCopy(con, copy.get().week(), copy.get().readerId())) {
                Optional<Tie> t = copyTie(con, copy.get(), f, alone, "message-id");
                if (t.isPresent()) {
                    return t;
                }
            }
        }
        return addressTie(con, f);
    }

    /** The reader a copy names, if the finding may be about them: it names nobody, or them, or is the report's only one. */
    private Optional<Tie> copyTie(Connection con, MessageIds.DigestCopy copy, Finding f, boolean alone, String match)
            throws SQLException {
        Optional<Subscriber> reader = readers.byId(con, copy.readerId());
        if (reader.isEmpty()) {
            return Optional.empty();
        }
        boolean names = f.recipient() == null || f.recipient().equalsIgnoreCase(reader.get().email());
        // A Message-ID travels with a copy the reader forwarded, or quoted in a mail of their own: it
        // counts only for the address it was sent to. The return path is the envelope of this very
        // delivery: a report about a forwarding address it names is still this reader's.
        if (names || (match.equals("return-path") && alone)) {
            return Optional.of(new Tie(reader.get(), copy.week(), match, true));
        }
        return Optional.empty();
    }

    private Optional<Tie> addressTie(Connection con, Finding f) throws SQLException {
        if (f.recipient() == null || config.addressMatch().isZero()) {
            return Optional.empty();
        }
        EmailAddress email;
        try {
            email = EmailAddress.parse(f.recipient());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<Subscriber> reader = SubscriberRepository.find(con, email);
        if (reader.isEmpty() || reader.get().status() != SubscriberStatus.ACTIVE) {
            return reader.map(r -> new Tie(r, null, "address", false));
        }
        Instant since = clock.instant().minus(config.addressMatch());
        Optional<IsoWeek> week = reports.lastEditionSentSince(con, reader.get().id(), since);
        if (week.isEmpty()) {
            return Optional.empty(); // not mailed lately: a report about them is not about us
        }
        return Optional.of(new Tie(reader.get(), week.get(), "address", false));
    }

    private static String summary(List<ReportOutcome> outcomes) {
        return outcomes.stream().map(o -> o.finding().kind().word()
                        + (o.finding().recipient() == null ? "" : " " + o.finding().recipient())
                        + (o.finding().bounceClass() == null ? "" : " " + o.finding().bounceClass().word())
                        + (o.finding().status() == null ? "" : " " + o.finding().status())
                        + ": " + o.action())
                .collect(Collectors.joining("\n"));
    }
}
