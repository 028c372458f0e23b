package com.verdictdigest.alerts;

import com.verdictdigest.digest.DigestEmail;
import com.verdictdigest.digest.EditionRenderer;
import com.verdictdigest.editions.Preflight;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.mail.MessageComposer;
import com.verdictdigest.mail.OutgoingMessage;
import com.verdictdigest.mail.WireCopy;
import com.verdictdigest.templates.QuotedPrintable;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.templates.TextWrapper;
import com.verdictdigest.week.IsoWeek;
import java.util.List;
import java.util.Map;

/**
 * A bookmark alert as its reader receives it: rendered from {@code alert.*.vm} (HTML-escaped as
 * every template), checked by the digest's preflight, and composed with the headers of all our
 * list mail (List-Unsubscribe with one-click List-Unsubscribe-Post, RFC 8058; List-Id; a signed
 * Message-ID; DKIM when configured).
 */
public final class AlertMail {
    static final String SUBJECT = "New verdicts on tools you bookmarked";

    private final Templates templates;
    private final LinkBuilder links;
    private final MessageComposer composer;
    private final Preflight preflight;
    private final String postalAddress;

    public AlertMail(Templates templates, LinkBuilder links, MessageComposer composer, Preflight preflight, String postalAddress) {
        this.templates = templates;
        this.links = links;
        this.composer = composer;
        this.preflight = preflight;
        this.postalAddress = postalAddress;
    }

    /** The alert's parts, as preflight sees them. */
    DigestEmail render(Alert alert) {
        String unsubscribeUrl = links.link(new LinkToken(Purpose.UNSUBSCRIBE, alert.readerId(), null, 0));
        Map<String, Object> values = Map.of("subject", SUBJECT, "changes", alert.changes(), "postalAddress", postalAddress,
                "manageUrl", links.link(new LinkToken(Purpose.MANAGE, alert.readerId(), null, 0)), "unsubscribeUrl", unsubscribeUrl);
        String text = TextWrapper.crlf(TextWrapper.wrap(templates.get("alert.txt.vm").render(values), EditionRenderer.TEXT_WIDTH));
        String html = TextWrapper.crlf(templates.get("alert.html.vm").render(values));
        return new DigestEmail(SUBJECT, html, text, unsubscribeUrl);
    }

    /**
     * The message of one reader's alert.
     *
     * @throws AlertPreflightException when preflight finds problems (a template to fix): nothing is sent
     */
    OutgoingMessage compose(Alert alert) {
        DigestEmail email = render(alert);
        List<String> problems = preflight.check(email);
        if (!problems.isEmpty()) {
            throw new AlertPreflightException(problems);
        }
        MessageComposer.Shared shared = composer.shared(IsoWeek.of(alert.day()), SUBJECT, "alert");
        return composer.compose(shared, alert.readerId(), composer.messageIds().alert(alert.day(), alert.readerId()), alert.email(),
                new WireCopy(QuotedPrintable.encode(email.text()), QuotedPrintable.encode(email.html()), email.unsubscribeUrl()));
    }
}
