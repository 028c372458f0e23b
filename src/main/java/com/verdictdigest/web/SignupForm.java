package com.verdictdigest.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.subscribers.SubscriptionService;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code POST /subscribe}: the site's signup form ({@code email}) or JSON ({@code {"email": ...}}).
 * The answer is the same for a new, pending or active address, so nobody can probe who subscribed.
 */
final class SignupForm {
    private static final Duration SAME_TIME = Duration.ofMillis(20);
    /** Thread-safe once configured: one per class, not one per request. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DONE = "If this address can receive mail, a confirmation link is on its way. "
            + "Open it to start your subscription.";

    private final Pages pages;
    private final SubscriptionService subscriptions;
    private final ClientRateLimiter limiter;
    private final ClientRateLimiter everyone;
    private final ClientAddress clients;

    /** @param everyone the limit on all sign-ups together, each of which may mail a confirmation */
    SignupForm(Pages pages, SubscriptionService subscriptions, ClientRateLimiter limiter, ClientRateLimiter everyone,
               ClientAddress clients) {
        this.pages = pages;
        this.subscriptions = subscriptions;
        this.limiter = limiter;
        this.everyone = everyone;
        this.clients = clients;
    }

    void home(Context ctx) {
        pages.render(ctx, 200, "home.html.vm", Map.of("title", "Subscribe"));
    }

    void subscribe(Context ctx) {
        boolean json = ctx.contentType() != null && ctx.contentType().startsWith("application/json");
        String raw;
        try {
            raw = json ? field(JSON.readTree(ctx.body()), "email") : ctx.formParam("email");
        } catch (java.io.IOException e) {
            answer(ctx, json, 400, "The request body is not valid JSON.");
            return;
        }
        EmailAddress email;
        try {
            email = EmailAddress.parse(raw);
        } catch (IllegalArgumentException e) {
            answer(ctx, json, 400, "That is not a valid email address.");
            return;
        }
        if (!limiter.allow(ClientRateLimiter.network(clients.of(ctx)))) {
            answer(ctx, json, 429, "Too many sign-ups from your network. Please try again later.");
            return;
        }
        if (!everyone.allow("everyone")) {
            answer(ctx, json, 429, "Too many sign-ups right now. Please try again in an hour.");
            return;
        }
        long start = System.nanoTime();
        subscriptions.subscribe(email);
        sameTimeForEveryone(start);
        answer(ctx, json, 200, DONE);
    }

    /**
     * A new address does a little more database work than one already subscribed (well under a
     * millisecond, the mail itself is queued): every sign-up answers no sooner than this, so the
     * answer's time does not tell them apart.
     */
    private static void sameTimeForEveryone(long start) {
        long left;
        while ((left = SAME_TIME.toNanos() - (System.nanoTime() - start)) > 0) {
            LockSupport.parkNanos(left); // may wake early: wait out the rest
        }
    }

    private static String field(JsonNode node, String name) {
        return node != null && node.hasNonNull(name) ? node.get(name).asText() : null;
    }

    private void answer(Context ctx, boolean json, int status, String message) {
        if (json) {
            ctx.status(status).json(Map.of("message", message));
        } else {
            pages.message(ctx, status, status == 200 ? "Check your inbox" : "Not subscribed", List.of(message), null, null, null);
        }
    }
}
