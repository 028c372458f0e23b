package com.verdictdigest.web;

import com.verdictdigest.editions.EditionArchive;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.links.LinkToken;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.subscribers.SubscriberStatus;
import com.verdictdigest.subscribers.SubscriptionService;
import com.verdictdigest.subscribers.Tool;
import com.verdictdigest.week.IsoWeek;
import io.javalin.http.Context;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pages behind the links in emails. The rule for every one: a GET shows a page and changes
 * nothing (mail scanners open every link); the change is a POST from that page's button, carrying
 * a CSRF token bound to the link. The one exception is the RFC 8058 one-click POST.
 */
final class ReaderLinks {
    private static final DateTimeFormatter JOINED = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final Pages pages;
    private final LinkBuilder links;
    private final SubscriberRepository subscribers;
    private final SubscriptionService subscriptions;
    private final EditionArchive archive;

    ReaderLinks(Pages pages, LinkBuilder links, SubscriberRepository subscribers, SubscriptionService subscriptions,
                EditionArchive archive) {
        this.pages = pages;
        this.links = links;
        this.subscribers = subscribers;
        this.subscriptions = subscriptions;
        this.archive = archive;
    }

    /** A link's token and the reader it acts for. */
    record Holder(String token, LinkToken link, Subscriber reader) {
    }

    /** The valid token of this purpose in the path, and its reader; otherwise the "not valid" page (404). */
    Optional<Holder> holder(Context ctx, Purpose purpose) {
        String token = ctx.pathParam("token");
        Optional<LinkToken> link = links.signer().verify(token).filter(t -> t.purpose() == purpose);
        Optional<Subscriber> reader = link.flatMap(t -> subscribers.byId(t.subscriberId()));
        if (reader.isEmpty()) {
            pages.notValid(ctx);
            return Optional.empty();
        }
        return Optional.of(new Holder(token, link.get(), reader.get()));
    }

    /** A POST from a page's button must carry the page's CSRF token. */
    boolean checkCsrf(Context ctx, Holder h) {
        if (links.signer().checkCsrf(h.token(), ctx.formParam("csrf"))) {
            return true;
        }
        pages.message(ctx, 403, "Please use the button on the page", List.of(
                "This request did not come from the page's own button. Open the link from your email again."),
                null, null, null);
        return false;
    }

    String csrf(Holder h) {
        return links.signer().csrf(h.token());
    }

    // ---- confirm: /c/{token}

    void confirmPage(Context ctx) {
        holder(ctx, Purpose.CONFIRM).ifPresent(h -> {
            if (h.reader().status() == SubscriberStatus.ACTIVE) {
                pages.message(ctx, 200, "You are subscribed", List.of("Your subscription is already confirmed."), null, null, null);
            } else {
                pages.message(ctx, 200, "Confirm your subscription", List.of(
                        "Confirm that " + h.reader().email() + " should receive Weekly AI Tool Verdicts."),
                        ctx.path(), csrf(h), "Confirm my subscription");
            }
        });
    }

    void confirm(Context ctx) {
        holder(ctx, Purpose.CONFIRM).filter(h -> checkCsrf(ctx, h)).ifPresent(h -> {
            subscriptions.confirm(h.reader().id());
            manageLinkPage(ctx, h.reader(), "You are subscribed",
                    "Thank you. The next digest arrives on Monday.");
        });
    }

    // ---- unsubscribe: /u/{token}

    void unsubscribePage(Context ctx) {
        holder(ctx, Purpose.UNSUBSCRIBE).ifPresent(h -> pages.message(ctx, 200, "Unsubscribe?", List.of(
                "Stop sending Weekly AI Tool Verdicts to " + h.reader().email() + "?"),
                ctx.path(), csrf(h), "Unsubscribe"));
    }

    /**
     * RFC 8058: a POST whose body is {@code List-Unsubscribe=One-Click} (form-encoded or multipart,
     * no cookies, no other credential than the link) unsubscribes at once and answers 200, no
     * redirect. A POST from the page's button does the same and shows the result page.
     */
    void unsubscribe(Context ctx) {
        if ("One-Click".equals(ctx.formParam("List-Unsubscribe"))) {
            oneClick(ctx);
            return;
        }
        Optional<Holder> holder = holder(ctx, Purpose.UNSUBSCRIBE);
        if (holder.isEmpty()) {
            return;
        }
        Holder h = holder.get();
        if (checkCsrf(ctx, h)) {
            subscriptions.unsubscribe(h.reader().id(), EventSource.PAGE, h.link().edition());
            pages.message(ctx, 200, "You are unsubscribed", List.of(
                    h.reader().email() + " will get no more digests. Changed your mind?"),
                    ctx.path() + "/resubscribe", csrf(h), "Subscribe again");
        }
    }

    /** The RFC 8058 POST: the token alone; one transaction, and a look-up only when nothing changed. */
    private void oneClick(Context ctx) {
        Optional<LinkToken> link = links.signer().verify(ctx.pathParam("token")).filter(t -> t.purpose() == Purpose.UNSUBSCRIBE);
        if (link.isEmpty() || (!subscriptions.unsubscribe(link.get().subscriberId(), EventSource.ONE_CLICK, link.get().edition())
                && subscribers.byId(link.get().subscriberId()).isEmpty())) {
            pages.notValid(ctx);
            return;
        }
        ctx.status(200).contentType("text/plain; charset=utf-8").result("Unsubscribed.\n");
    }

    void resubscribeFromUnsubscribe(Context ctx) {
        holder(ctx, Purpose.UNSUBSCRIBE).filter(h -> checkCsrf(ctx, h)).ifPresent(h -> {
            if (subscriptions.resubscribe(h.reader().id(), EventSource.PAGE, h.link().edition())
                    == SubscriptionService.Resubscribed.CONFIRMATION_SENT) {
                confirmationSent(ctx);
                return;
            }
            manageLinkPage(ctx, h.reader(), "Welcome back", "You will get the next digest.");
        });
    }

    // ---- bookmark: /b/{token}

    void bookmarkPage(Context ctx) {
        holder(ctx, Purpose.BOOKMARK).ifPresent(h -> tool(ctx, h).ifPresent(tool ->
                pages.message(ctx, 200, "Save " + tool.name() + " to your bookmarks?", List.of(
                        "Bookmarked tools are listed in every digest, and new verdicts on them come first."),
                        ctx.path(), csrf(h), "Save " + tool.name())));
    }

    void bookmark(Context ctx) {
        holder(ctx, Purpose.BOOKMARK).filter(h -> checkCsrf(ctx, h)).ifPresent(h -> tool(ctx, h).ifPresent(tool -> {
            subscriptions.bookmark(h.reader().id(), tool, EventSource.PAGE, h.link().edition());
            manageLinkPage(ctx, h.reader(), "Saved " + tool.name(), tool.name() + " is in your bookmarks.");
        }));
    }

    private Optional<Tool> tool(Context ctx, Holder h) {
        Optional<Tool> tool = subscriptions.toolById(h.link().toolId());
        if (tool.isEmpty()) {
            pages.notValid(ctx);
        }
        return tool;
    }

    // ---- manage: /m/{token}

    void managePage(Context ctx) {
        holder(ctx, Purpose.MANAGE).ifPresent(h -> showManage(ctx, h));
    }

    private void showManage(Context ctx, Holder h) {
        Subscriber reader = subscribers.byId(h.reader().id()).orElseThrow();
        Map<String, Object> values = new HashMap<>();
        values.put("title", "Your subscription");
        values.put("email", masked(reader.email())); // the link may have been forwarded: the address is not shown whole
        values.put("status", reader.status().word());
        values.put("active", reader.status() == SubscriberStatus.ACTIVE);
        values.put("joined", JOINED.format(reader.createdAt().atZone(ZoneOffset.UTC)));
        values.put("bookmarks", subscribers.bookmarks(reader.id()));
        values.put("base", "/m/" + h.token());
        values.put("csrf", csrf(h));
        pages.render(ctx, 200, "manage.html.vm", values);
    }

    void manageUnsubscribe(Context ctx) {
        holder(ctx, Purpose.MANAGE).filter(h -> checkCsrf(ctx, h)).ifPresent(h -> {
            subscriptions.unsubscribe(h.reader().id(), EventSource.PAGE, h.link().edition());
            showManage(ctx, h);
        });
    }

    void manageResubscribe(Context ctx) {
        holder(ctx, Purpose.MANAGE).filter(h -> checkCsrf(ctx, h)).ifPresent(h -> {
            if (subscriptions.resubscribe(h.reader().id(), EventSource.PAGE, h.link().edition())
                    == SubscriptionService.Resubscribed.CONFIRMATION_SENT) {
                confirmationSent(ctx);
                return;
            }
            showManage(ctx, h);
        });
    }

    void removeBookmark(Context ctx) {
        holder(ctx, Purpose.MANAGE).filter(h -> checkCsrf(ctx, h)).ifPresent(h -> {
            subscriptions.removeBookmark(h.reader().id(), ctx.pathParam("tool"), EventSource.PAGE, h.link().edition());
            showManage(ctx, h);
        });
    }

    // ---- view in browser: /v/{token}

    private void confirmationSent(Context ctx) {
        pages.message(ctx, 200, "Check your inbox", List.of("It has been a while since you unsubscribed: we sent a link to "
                + "your address. Open it to get the digest again."), null, null, null);
    }

    /** {@code ada@example.com} as {@code a…@example.com}: enough for its owner to recognise. */
    static String masked(String email) {
        int at = email.lastIndexOf('@');
        return at <= 0 ? "…" : email.charAt(0) + "…" + email.substring(at);
    }

    void view(Context ctx) {
        holder(ctx, Purpose.VIEW).ifPresent(h -> {
            if (h.link().edition() == null) {
                pages.notValid(ctx);
                return;
            }
            // The copy anyone may be sent: a reader shares "view online" links, so it carries no
            // link that acts for the reader (manage, unsubscribe, bookmark), as the archive's copy.
            IsoWeek week = h.link().edition();
            archive.edition(week).ifPresentOrElse(edition -> ctx.status(200).contentType("text/html; charset=utf-8")
                    .result(edition.publicHtml(links.page("/"), links.page("/digests/" + week))), () -> pages.notValid(ctx));
        });
    }

    private void manageLinkPage(Context ctx, Subscriber reader, String title, String line) {
        Map<String, Object> values = new HashMap<>();
        values.put("title", title);
        values.put("lines", List.of(line));
        values.put("action", null);
        values.put("csrf", "");
        values.put("button", "");
        values.put("linkUrl", links.link(new LinkToken(Purpose.MANAGE, reader.id(), null, 0)));
        values.put("linkText", "Manage your subscription and bookmarks");
        pages.render(ctx, 200, "message.html.vm", values);
    }
}
