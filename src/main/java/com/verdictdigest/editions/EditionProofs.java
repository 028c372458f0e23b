package com.verdictdigest.editions;

import com.verdictdigest.digest.DigestEmail;
import com.verdictdigest.mail.Mailer;
import com.verdictdigest.mail.SendFailure;
import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.subscribers.Preferences;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.week.IsoWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The operator's proofs of an edition, none of which records it or touches the ledger: a preview,
 * a test copy to one address, a dry run over every reader, and the size of one reader's message.
 */
public final class EditionProofs {
    private final EditionPreparer preparer;
    private final SubscriberRepository readers;
    private final Mailer mailer;

    public EditionProofs(EditionPreparer preparer, SubscriberRepository readers, Mailer mailer) {
        this.preparer = preparer;
        this.readers = readers;
        this.mailer = mailer;
    }

    /** The edition as a sample reader with a bookmark would get it. */
    public DigestEmail preview(IsoWeek week) {
        PreparedEdition prepared = preparer.prepare(week, false);
        return prepared.copyFor(prepared.sampleReader("sample.reader@example.com"));
    }

    /**
     * Sends one copy of the edition to an address, as the reader {@code asReader} would get it (or a
     * sample reader when null).
     *
     * @return the copy's Message-ID
     */
    public String sendTest(IsoWeek week, Subscriber asReader, String to) throws SendFailure {
        PreparedEdition prepared = preparer.prepare(week, false);
        String messageId = prepared.composer().messageIds().oneOff("test");
        List<Bookmark> bookmarks = asReader == null ? prepared.edition().sampleBookmarks() : readers.bookmarks(asReader.id());
        Preferences preferences = asReader == null ? Preferences.DEFAULT : readers.preferences(asReader.id());
        try (Mailer.Session session = mailer.open()) {
            session.send(prepared.proofTo(asReader == null ? 0 : asReader.id(), to, bookmarks, preferences, messageId));
        }
        return messageId;
    }

    /**
     * Renders and checks every active reader's copy, as their preferences choose it now, and sends
     * nothing: {@code copies} counts the readers who would get one.
     */
    public DryRun dryRun(IsoWeek week) {
        long start = System.nanoTime();
        PreparedEdition prepared = preparer.prepare(week, false);
        int copies = 0;
        long bytes = 0;
        // Page by page, so a dry run over a million readers needs no more memory than a send.
        for (List<Subscriber> batch : readers.pages(SubscriberStatus.ACTIVE, 500)) {
            List<Long> ids = batch.stream().map(Subscriber::id).toList();
            Map<Long, List<Bookmark>> bookmarks = readers.bookmarksOf(ids);
            Map<Long, Preferences> preferences = readers.preferencesOf(ids);
            Instant now = Instant.now();
            for (Subscriber s : batch) {
                ReaderCopy copy = prepared.mailFor(s.id(), s.email(), bookmarks.getOrDefault(s.id(), List.of()),
                        preferences.getOrDefault(s.id(), Preferences.DEFAULT), now);
                if (!copy.isSkipped()) {
                    bytes += copy.message().data().length;
                    copies++;
                }
            }
        }
        return new DryRun(week, prepared.edition().comparisons().size(), copies, bytes,
                Duration.ofNanos(System.nanoTime() - start), prepared.subject());
    }

    /** The size in bytes of one reader's message of the edition (a reader with a bookmark). */
    public long sampleMessageBytes(IsoWeek week) {
        PreparedEdition prepared = preparer.prepare(week, false);
        return prepared.messageTo(1, "reader1@example.com", prepared.edition().sampleBookmarks()).data().length;
    }

    /** What a dry run found. */
    public record DryRun(IsoWeek week, int comparisons, int copies, long bytes, Duration duration, String subject) {
    }
}
