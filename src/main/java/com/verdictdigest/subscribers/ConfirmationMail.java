package com.verdictdigest.subscribers;

import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.mail.Mailer;
import com.verdictdigest.mail.MessageComposer;
import com.verdictdigest.mail.OutgoingMessage;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.templates.TextWrapper;
import java.util.Map;

/** The double opt-in mail, rendered from {@code confirm.*.vm} and sent through the delivery engine's mailer. */
public final class ConfirmationMail implements ConfirmationSender {
    private final Templates templates;
    private final LinkBuilder links;
    private final MessageComposer composer;
    private final OneOffDelivery delivery;
    private final String postalAddress;

    public ConfirmationMail(Templates templates, LinkBuilder links, MessageComposer composer, Mailer mailer,
                            String postalAddress) {
        this.templates = templates;
        this.links = links;
        this.composer = composer;
        this.delivery = new OneOffDelivery(mailer);
        this.postalAddress = postalAddress;
    }

    @Override
    public boolean send(Subscriber reader) {
        Map<String, Object> values = Map.of("email", reader.email(), "postalAddress", postalAddress,
                "confirmUrl", links.link(new LinkToken(Purpose.CONFIRM, reader.id(), null, 0)));
        String text = TextWrapper.crlf(TextWrapper.wrap(templates.get("confirm.txt.vm").render(values), 78));
        String html = TextWrapper.crlf(templates.get("confirm.html.vm").render(values));
        OutgoingMessage message = composer.transactional(reader.email(), "Confirm your subscription to Weekly AI Tool Verdicts",
                text, html);
        return delivery.send(message, "Confirmation mail", reader.id());
    }
}
