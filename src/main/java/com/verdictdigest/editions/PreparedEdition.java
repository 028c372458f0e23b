package com.verdictdigest.editions;

import com.verdictdigest.digest.DigestEmail;
import com.verdictdigest.digest.Edition;
import com.verdictdigest.digest.Reader;
import com.verdictdigest.digest.RenderedEdition;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.mail.MessageComposer;
import com.verdictdigest.mail.OutgoingMessage;
import com.verdictdigest.subscribers.Bookmark;
import com.verdictdigest.week.IsoWeek;
import java.util.List;

/**
 * An edition ready to go: planned (or found), frozen, rendered once and checked by preflight. Each
 * reader's message is assembled from its pre-rendered, pre-encoded parts.
 */
public final class PreparedEdition {
    private final EditionRecord record;
    private final Edition edition;
    private final RenderedEdition rendered;
    private final MessageComposer composer;
    private final MessageComposer.Shared headers;
    private final LinkBuilder links;
    private final boolean sendEmpty;

    PreparedEdition(EditionRecord record, Edition edition, RenderedEdition rendered, MessageComposer composer,
                    LinkBuilder links, boolean sendEmpty) {
        this.record = record;
        this.edition = edition;
        this.rendered = rendered;
        this.composer = composer;
        this.headers = composer.shared(edition.week(), rendered.subject());
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

    /** One reader's message, with the Message-ID that names this edition and this reader. */
    public OutgoingMessage messageTo(long readerId, String email, List<Bookmark> bookmarks) {
        return messageTo(readerId, email, bookmarks, composer.messageIds().digest(week(), readerId));
    }

    OutgoingMessage messageTo(long readerId, String email, List<Bookmark> bookmarks, String messageId) {
        return composer.compose(headers, readerId, messageId, email,
                rendered.personalizeForWire(new Reader(readerId, email, bookmarks), links));
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
