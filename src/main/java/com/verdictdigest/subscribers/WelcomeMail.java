package com.verdictdigest.subscribers;

import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.mail.Mailer;
import com.verdictdigest.mail.MessageComposer;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.templates.TextWrapper;
import com.verdictdigest.week.IsoWeek;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The welcome email after a reader confirms, rendered from {@code welcome.*.vm}: what they will get
 * and when, the newest edition (or the archive, before the first), and their manage and unsubscribe
 * links. It is list mail, with the list headers of every digest.
 */
public final class WelcomeMail implements WelcomeSender {
    static final String SUBJECT = "Welcome to Weekly AI Tool Verdicts";
    private static final int TEXT_WIDTH = 78;

    private final Templates templates;
    private final LinkBuilder links;
    private final MessageComposer composer;
    private final OneOffDelivery delivery;
    private final String postalAddress;
    private final Supplier<String> schedule;
    private final Supplier<Optional<IsoWeek>> latestEdition;

    /**
     * @param schedule      when digests go out, in the reader's words ("every Monday at 09:00, Europe/Berlin time")
     * @param latestEdition the newest edition that went out, if any
     */
    public WelcomeMail(Templates templates, LinkBuilder links, MessageComposer composer, Mailer mailer, String postalAddress,
                       Supplier<String> schedule, Supplier<Optional<IsoWeek>> latestEdition) {
        this.templates = templates;
        this.links = links;
        this.composer = composer;
        this.delivery = new OneOffDelivery(mailer);
        this.postalAddress = postalAddress;
        this.schedule = schedule;
        this.latestEdition = latestEdition;
    }

    public WelcomeEmail render(Subscriber reader) {
        Optional<IsoWeek> latest = latestEdition.get();
        String unsubscribeUrl = links.link(new LinkToken(Purpose.UNSUBSCRIBE, reader.id(), null, 0));
        Map<String, Object> values = new HashMap<>();
        values.put("email", reader.email());
        values.put("schedule", schedule.get());
        values.put("hasLatest", latest.isPresent());
        values.put("latestName", latest.map(w -> "week " + w.week() + " of " + w.year()).orElse(""));
        values.put("latestUrl", latest.map(w -> links.page("/digests/" + w)).orElse(""));
        values.put("archiveUrl", links.page("/digests"));
        values.put("manageUrl", links.link(new LinkToken(Purpose.MANAGE, reader.id(), null, 0)));
        values.put("unsubscribeUrl", unsubscribeUrl);
        values.put("postalAddress", postalAddress);
        String text = TextWrapper.crlf(TextWrapper.wrap(templates.get("welcome.txt.vm").render(values), TEXT_WIDTH));
        String html = TextWrapper.crlf(templates.get("welcome.html.vm").render(values));
        return new WelcomeEmail(SUBJECT, html, text, unsubscribeUrl);
    }

    /** A welcome for a made-up reader, to check the templates before any reader gets one. */
    public WelcomeEmail sample() {
        Instant now = Instant.now();
        return render(new Subscriber(0, "reader@example.com", SubscriberStatus.ACTIVE, now, null, now));
    }

    @Override
    public boolean send(Subscriber reader) {
        WelcomeEmail email = render(reader);
        return delivery.send(composer.listMessage(reader.id(), "welcome", reader.email(), email.subject(),
                email.text(), email.html(), email.unsubscribeUrl()), "Welcome email", reader.id());
    }
}
