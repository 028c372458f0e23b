package com.verdictdigest.web;

import com.verdictdigest.config.ConfigException;
import com.verdictdigest.editions.EditionArchive;
import com.verdictdigest.links.LinkBuilder;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.subscribers.SubscriptionService;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.votes.Votes;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: one route table, security headers on every answer, and no stack trace to anyone. */
public final class WebServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);
    /** Pages carry no scripts and load nothing from elsewhere; forms post only to us. */
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** On every answer; tokens are in our URLs, so they must never reach another site in a Referer. */
    static final Map<String, String> SECURITY_HEADERS = Map.of("Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY");

    /**
     * How long a request's body may take to arrive, whole: far longer than any real client needs for
     * the largest body allowed, short enough that clients dribbling bytes hold nothing for long.
     */
    private static final Duration BODY_DEADLINE = Duration.ofSeconds(20);

    private final Javalin app;
    private final WebConfig config;
    private final ClientFaults clientFaults = new ClientFaults();

    /** The requests that wait for their turn (and whose body is read first, {@link BodyFirst}). */
    static boolean unsubscribePost(org.eclipse.jetty.server.Request request) {
        return "POST".equals(request.getMethod()) && request.getHttpURI().getPath().startsWith("/u/");
    }

    /**
     * Unsubscribe POSTs in arrival order, a few at a time. Right after an edition goes out, mail
     * providers post one-click unsubscribes in bursts; let in all at once, dozens of threads on two
     * cores contend for the database and Jetty's own locks and the unlucky ones wait far longer than
     * the rest. A few at a time, the others queued without holding a thread, gives each about the
     * same wait (README, Performance). Only these requests: a permit is held until the response is
     * done, so a sign-up that mails or a slow client elsewhere never holds up the others. Javalin
     * puts its own handler inside this one.
     */
    private static QoSHandler admission(int maxActive, Duration maxWait) {
        QoSHandler qos = new QoSHandler();
        qos.include(WebServer::unsubscribePost);
        qos.setMaxRequestCount(maxActive);
        qos.setMaxSuspend(maxWait); // then 503 Service Unavailable
        return qos;
    }

    /**
     * Every body over {@code http.max-body-bytes} is refused (413) before anything reads it:
     * Javalin's own limit covers only the bodies it reads itself, not multipart forms, which Jetty
     * would spool to disk whole. A declared length over the limit is refused at once; a body sent
     * without one fails as soon as it passes the limit.
     */
    private static SizeLimitHandler bodyLimit(int maxBytes, Handler inner) {
        SizeLimitHandler limit = new SizeLimitHandler(maxBytes, -1);
        limit.setHandler(inner);
        return limit;
    }

    /**
     * @param votes   readers' ship-or-skip votes, cast from {@code /s/{token}} and tallied at {@code /api/votes}
     * @param modules routes of other features (the operator's API and page), added after the readers' own
     * @param health  whether the database and the scheduler are up, for {@code /healthz}
     */
    public WebServer(WebConfig config, Templates templates, LinkBuilder links, SubscriberRepository subscribers,
                     SubscriptionService subscriptions, EditionArchive archive, Votes votes,
                     Supplier<List<String>> categories, List<RouteModule> modules, BooleanSupplier health, Clock clock) {
        this.config = config;
        Pages pages = new Pages(templates);
        ReaderLinks reader = new ReaderLinks(pages, links, subscribers, subscriptions, archive, categories, clock);
        SignupForm signup = new SignupForm(pages, subscriptions, new ClientRateLimiter(config.subscribesPerClientPerHour(), clock),
                new ClientRateLimiter(config.subscribesPerHour(), clock), new ClientAddress(config.trustedProxies()));
        ArchivePages digests = new ArchivePages(pages, archive, links);
        BookmarksApi api = new BookmarksApi(reader, subscribers, subscriptions);
        VotePages votePages = new VotePages(pages, reader, votes);
        DataPages data = new DataPages(pages, reader, subscriptions);

        app = Javalin.create(cfg -> {
            cfg.jetty.host = config.host();
            cfg.jetty.port = config.port();
            cfg.jetty.modifyServer(server -> {
                server.setHandler(bodyLimit(config.maxBodyBytes(), new BodyFirst(config.maxBodyBytes(), BODY_DEADLINE, clientFaults,
                        admission(config.maxActiveUnsubscribes(), config.unsubscribeQueue()))));
                server.setErrorHandler(new SecureErrorHandler());
            });
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.startup.showJavalinBanner = false;
            cfg.routes.before(ctx -> {
                SECURITY_HEADERS.forEach(ctx::header);
                ctx.header("Cache-Control", ctx.path().startsWith("/digests") ? "public, max-age=300" : "no-store");
            });

            // ---- the route table
            cfg.routes.get("/", signup::home);
            cfg.routes.post("/subscribe", signup::subscribe);
            cfg.routes.get("/c/{token}", reader::confirmPage);
            cfg.routes.post("/c/{token}", reader::confirm);
            cfg.routes.get("/u/{token}", reader::unsubscribePage);
            cfg.routes.post("/u/{token}", reader::unsubscribe);
            cfg.routes.post("/u/{token}/resubscribe", reader::resubscribeFromUnsubscribe);
            cfg.routes.get("/b/{token}", reader::bookmarkPage);
            cfg.routes.post("/b/{token}", reader::bookmark);
            cfg.routes.get("/m/{token}", reader::managePage);
            cfg.routes.post("/m/{token}/preferences", reader::savePreferences);
            cfg.routes.post("/m/{token}/unsubscribe", reader::manageUnsubscribe);
            cfg.routes.post("/m/{token}/resubscribe", reader::manageResubscribe);
            cfg.routes.post("/m/{token}/bookmarks/{tool}/remove", reader::removeBookmark);
            cfg.routes.get("/m/{token}/data", data::download);
            cfg.routes.get("/m/{token}/erase", data::erasePage);
            cfg.routes.post("/m/{token}/erase", data::erase);
            cfg.routes.get("/v/{token}", reader::view);
            cfg.routes.get("/s/{token}", votePages::page);
            cfg.routes.post("/s/{token}", votePages::vote);
            cfg.routes.get("/digests", digests::list);
            cfg.routes.get("/digests/feed.atom", digests::feed);
            cfg.routes.get("/digests/{week}", digests::edition);
            cfg.routes.get("/api/bookmarks/{token}", api::list);
            cfg.routes.post("/api/bookmarks/{token}", api::add);
            cfg.routes.delete("/api/bookmarks/{token}/{tool}", api::remove);
            cfg.routes.get("/api/votes", new VotesApi(votes)::tallies);
            cfg.routes.get("/healthz", ctx -> ctx.status(health.getAsBoolean() ? 200 : 503)
                    .result(health.getAsBoolean() ? "ok\n" : "unavailable\n"));

            modules.forEach(module -> module.addTo(cfg.routes));

            cfg.routes.exception(Exception.class, (e, ctx) -> {
                // The path holds a reader's token, a credential: it is masked in the log.
                String request = ctx.method() + " " + ctx.path().replaceAll("/(c|u|b|m|v|s|bookmarks)/[^/]+", "/$1/…");
                OptionalInt clientFault = ClientFaults.status(e);
                if (clientFault.isPresent()) {
                    clientFaults.warn(request, clientFault.getAsInt(), e);
                    ctx.status(clientFault.getAsInt()).contentType("text/plain; charset=utf-8")
                            .result(clientFault.getAsInt() == 413 ? "The request body is too large.\n" : "Bad request.\n");
                    return;
                }
                log.error("Request {} failed", request, e);
                ctx.status(500).contentType("text/plain; charset=utf-8").result("Something went wrong on our side.\n");
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    pages.notValid(ctx);
                }
            });
        });
    }

    /** @throws ConfigException when the server cannot listen where http.host and http.port say */
    public WebServer start() {
        checkCanListen();
        app.start();
        return this;
    }

    /**
     * Tries the address first: Javalin reports every failure to bind as "port already in use", with
     * a stack trace, even for a host that is not this machine's.
     */
    private void checkCanListen() {
        InetAddress address;
        try {
            address = InetAddress.getByName(config.host());
        } catch (UnknownHostException e) {
            throw new ConfigException("config: http.host = '" + config.host() + "' is not an address of this machine");
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(address, config.port()));
        } catch (IOException e) {
            throw new ConfigException("config: cannot listen on http.host = '" + config.host() + "', http.port = "
                    + config.port() + ": " + e.getMessage());
        }
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
