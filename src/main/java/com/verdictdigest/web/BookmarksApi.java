package com.verdictdigest.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.verdictdigest.events.EventSource;
import com.verdictdigest.links.Purpose;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.subscribers.SubscriptionService;
import com.verdictdigest.subscribers.Tool;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * A small JSON API for the site to show and change a reader's bookmarks, authorised by the reader's
 * manage token: {@code GET /api/bookmarks/{token}}, {@code POST} with {@code {"tool": "cursor-3"}},
 * {@code DELETE /api/bookmarks/{token}/{tool}}.
 */
final class BookmarksApi {
    /** Thread-safe once configured: one per class, not one per request. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReaderLinks readerLinks;
    private final SubscriberRepository subscribers;
    private final SubscriptionService subscriptions;

    BookmarksApi(ReaderLinks readerLinks, SubscriberRepository subscribers, SubscriptionService subscriptions) {
        this.readerLinks = readerLinks;
        this.subscribers = subscribers;
        this.subscriptions = subscriptions;
    }

    private Optional<ReaderLinks.Holder> holder(Context ctx) {
        Optional<ReaderLinks.Holder> h = readerLinks.holder(ctx, Purpose.MANAGE);
        if (h.isEmpty()) {
            ctx.status(404).json(Map.of("error", "this link is not valid"));
        }
        return h;
    }

    void list(Context ctx) {
        holder(ctx).ifPresent(h -> ctx.json(Map.of("bookmarks", subscribers.bookmarks(h.reader().id()))));
    }

    void add(Context ctx) {
        // A JSON body only: a cross-site HTML form cannot send one, so no page elsewhere can post here.
        if (ctx.contentType() == null || !ctx.contentType().startsWith("application/json")) {
            ctx.status(415).json(Map.of("error", "expected Content-Type: application/json"));
            return;
        }
        holder(ctx).ifPresent(h -> {
            String slug;
            try {
                JsonNode body = JSON.readTree(ctx.body());
                slug = body != null && body.hasNonNull("tool") ? body.get("tool").asText() : null;
            } catch (java.io.IOException e) {
                slug = null;
            }
            Optional<Tool> tool = slug == null ? Optional.empty() : subscriptions.toolBySlug(slug);
            if (tool.isEmpty()) {
                ctx.status(400).json(Map.of("error", "expected {\"tool\": \"<slug of a known tool>\"}"));
                return;
            }
            subscriptions.bookmark(h.reader().id(), tool.get(), EventSource.API, h.link().edition());
            ctx.status(200).json(Map.of("bookmarks", subscribers.bookmarks(h.reader().id())));
        });
    }

    void remove(Context ctx) {
        holder(ctx).ifPresent(h -> {
            subscriptions.removeBookmark(h.reader().id(), ctx.pathParam("tool"), EventSource.API, h.link().edition());
            ctx.status(200).json(Map.of("bookmarks", subscribers.bookmarks(h.reader().id())));
        });
    }
}
