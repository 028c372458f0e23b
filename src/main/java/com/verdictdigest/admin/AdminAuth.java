package com.verdictdigest.admin;

import com.verdictdigest.config.IpAddress;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Set;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may act as the operator: the API by {@code Authorization: Bearer <admin.token>}; the page by a
 * session cookie (HttpOnly, SameSite=Strict) given for the token, with a CSRF token per session on
 * every form. Sessions live in memory: a restart asks the operator to log in again.
 */
final class AdminAuth {
    static final String COOKIE = "verdicts_admin";
    private static final Duration SESSION = Duration.ofHours(12);

    private final byte[] token;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** session id -> (csrf token, expiry millis) */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    record Session(String csrf, long expires) {
    }

    private final boolean httpsSite;
    private final Set<String> trustedProxies;

    /**
     * @param httpsSite      whether readers and the operator reach us over https (a TLS proxy in front): the cookie is then Secure
     * @param trustedProxies proxies whose {@code X-Forwarded-Proto: https} is believed, with the same effect
     */
    AdminAuth(AdminToken token, Clock clock, boolean httpsSite, Set<String> trustedProxies) {
        this.token = token.value().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.httpsSite = httpsSite;
        this.trustedProxies = trustedProxies;
    }

    private boolean overHttps(Context ctx) {
        if (httpsSite || ctx.scheme().equals("https")) {
            return true;
        }
        String peer = IpAddress.canonical(ctx.ip()).orElse(ctx.ip());
        return trustedProxies.contains(peer) && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    boolean tokenMatches(String given) {
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    boolean bearer(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.startsWith("Bearer ") && tokenMatches(header.substring(7).strip());
    }

    /** Opens a session: sets the cookie. */
    void login(Context ctx) {
        String id = randomToken();
        sessions.put(id, new Session(randomToken(), clock.millis() + SESSION.toMillis()));
        ctx.header("Set-Cookie", COOKIE + "=" + id + "; Path=/admin; HttpOnly; SameSite=Strict; Max-Age="
                + SESSION.toSeconds() + (overHttps(ctx) ? "; Secure" : ""));
    }

    void logout(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id != null) {
            sessions.remove(id);
        }
        ctx.header("Set-Cookie", COOKIE + "=; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=0");
    }

    /** The session of this request, if it is logged in. */
    Session session(Context ctx) {
        String id = ctx.cookie(COOKIE);
        Session s = id == null ? null : sessions.get(id);
        if (s == null || s.expires() < clock.millis()) {
            return null;
        }
        return s;
    }

    boolean csrfMatches(Session s, String given) {
        return given != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    private String randomToken() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
