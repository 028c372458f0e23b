package com.verdictdigest.web;

import com.verdictdigest.events.EventSource;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.subscribers.SubscriptionService;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * A reader's data, from their page ({@code /m/{token}}): "Download my data" (a GET that changes
 * nothing and answers the JSON file as an attachment) and "Erase me" (a GET that asks, and the
 * POST of its button, with the page's CSRF value, that erases). After an erasure every link of the
 * reader's shows the "not valid" page: there is no reader behind it any more.
 */
final class DataPages {
    private final Pages pages;
    private final ReaderLinks reader;
    private final SubscriptionService subscriptions;

    DataPages(Pages pages, ReaderLinks reader, SubscriptionService subscriptions) {
        this.pages = pages;
        this.reader = reader;
        this.subscriptions = subscriptions;
    }

    void download(Context ctx) {
        reader.holder(ctx, Purpose.MANAGE).ifPresent(h -> subscriptions.export(h.reader().id()).ifPresentOrElse(json -> ctx
                .status(200).contentType("application/json; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"weekly-ai-tool-verdicts-my-data.json\"")
                .result(json), () -> pages.notValid(ctx)));
    }

    void erasePage(Context ctx) {
        reader.holder(ctx, Purpose.MANAGE).ifPresent(h -> pages.render(ctx, 200, "erase.html.vm", Map.of(
                "title", "Erase your data?", "action", "/m/" + h.token() + "/erase", "csrf", reader.csrf(h),
                "back", "/m/" + h.token())));
    }

    void erase(Context ctx) {
        reader.holder(ctx, Purpose.MANAGE).filter(h -> reader.checkCsrf(ctx, h)).ifPresent(h -> {
            if (subscriptions.erase(h.reader().id(), EventSource.PAGE).isEmpty()) {
                pages.notValid(ctx);
                return;
            }
            pages.message(ctx, 200, "Your data is erased", List.of(
                    "Your address, bookmarks and preferences are deleted, and what we counted of your reading no longer names you.",
                    "We keep only a one-way fingerprint of your address, so that a list we import never adds you back."
                            + " You can still sign up again on our site whenever you like.",
                    "The links in the emails you have will no longer work."), null, null, null);
        });
    }
}
