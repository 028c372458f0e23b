package com.verdictdigest.editions;

import com.verdictdigest.digest.DigestEmail;
import com.verdictdigest.digest.Edition;
import com.verdictdigest.digest.Reader;
import com.verdictdigest.digest.RenderedEdition;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.mail.MessageComposer;
import com.verdictdigest.mail.OutgoingMessage;
import com.verdictdigest.digest.Selection;
import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.subscribers.Preferences;
import com.verdictdigest.week.IsoWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An edition ready to go: planned (or found), frozen, rendered once and checked by preflight. Each
 * reader's message is assembled from its pre-rendered, pre-encoded parts.
 */
public final class PreparedEdition {
    private final EditionRecord record;
    private final Edition edition;
    private final RenderedEdition rendered;
    private final MessageComposer composer;
    /** The shared headers of each subject readers' copies have (one per distinct selection). */
    private final Map<String, MessageComposer.Shared> headers = new ConcurrentHashMap<>();
    private final LinkBuilder links;
    private final boolean sendEmpty;

    PreparedEdition(EditionRecord record, Edition edition, RenderedEdition rendered, MessageComposer composer,
                    LinkBuilder links, boolean sendEmpty) {
        this.record = record;
        this.edition = edition;
        this.rendered = rendered;
        this.composer = composer;
        this.links = links;
        this.sendEmpty = sendEmpty;
    }

    /** Its row, or null when it was prepared without being recorded (a preview, a test send, a dry run). */
    public EditionRecord record() {
        return record;
    }

    public IsoWeek week() {
        return edition.week();
    }

    public Edition edition() {
        return edition;
    }

    public String subject() {
        return rendered.subject();
    }

    /** Whether the edition was planned without comparisons and empty weeks are not sent ({@code digest.send-empty}). */
    public boolean nothingToSend() {
        return (record == null ? edition.isEmpty() : record.comparisons() == 0) && !sendEmpty;
    }

    /** One reader's message with the default preferences, with the Message-ID that names this edition and this reader. */
    public OutgoingMessage messageTo(long readerId, String email, List<Bookmark> bookmarks) {
        return mailFor(readerId, email, bookmarks, Preferences.DEFAULT, Instant.EPOCH).message();
    }

    /**
     * A proof of a reader's copy sent elsewhere: what their preferences choose now, or the whole
     * edition when they would get none this week.
     */
    OutgoingMessage proofTo(long readerId, String email, List<Bookmark> bookmarks, Preferences preferences, String messageId) {
        Reader reader = new Reader(readerId, email, bookmarks, preferences);
        return compose(reader, rendered.select(reader, Instant.now()), messageId);
    }

    /**
     * What this reader gets of this edition at {@code now}: their message, holding the comparisons
     * their preferences choose, or why they get none this week.
     */
    public ReaderCopy mailFor(long readerId, String email, List<Bookmark> bookmarks, Preferences preferences, Instant now) {
        Reader reader = new Reader(readerId, email, bookmarks, preferences);
        Selection selection = rendered.select(reader, now);
        return new ReaderCopy(selection.isSkipped() ? selection.skipped().word() : null,
                () -> compose(reader, selection, composer.messageIds().digest(week(), readerId)));
    }

    private OutgoingMessage compose(Reader reader, Selection selection, String messageId) {
        MessageComposer.Shared shared = headers.computeIfAbsent(rendered.subject(selection),
                subject -> composer.shared(edition.week(), subject));
        return composer.compose(shared, reader.id(), messageId, reader.email(),
                rendered.personalizeForWire(reader, selection, links));
    }

    /** A made-up reader with a bookmark, for previews and checks. */
    public Reader sampleReader(String email) {
        return new Reader(0, email, edition.sampleBookmarks());
    }

    /** A reader's copy as text and HTML, for previews and checks (a send writes {@link #messageTo}). */
    public DigestEmail copyFor(Reader reader) {
        return rendered.personalize(reader, links);
    }

    MessageComposer composer() {
        return composer;
    }
}
