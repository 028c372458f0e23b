package com.verdictdigest.admin;

import com.verdictdigest.bounces.UnrecognizedReport;
import com.verdictdigest.delivery.EditionControl;
import com.verdictdigest.editions.PreflightException;
import com.verdictdigest.mail.MessageParts;
import com.verdictdigest.mail.SendFailure;
import com.verdictdigest.schedule.ScheduleConfig;
import com.verdictdigest.subscribers.EmailAddress;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.templates.TrustedHtml;
import com.verdictdigest.week.IsoWeek;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /admin}: the operator's page. A token form, then a session cookie; every form carries the
 * session's CSRF token. While an edition is going out the page refreshes itself every two seconds
 * (a meta refresh: no script needed) and shows a progress bar. Editions whose complaint or hard
 * bounce rate reached its threshold ({@link BounceFigures}) are flagged, and the latest reports that
 * came back unrecognized are listed, each readable as the plain text that was kept.
 */
public final class AdminPage {
    /** A warning about one edition, as the page lists it. */
    public record Warning(String week, String text) {
    }

    /** An unrecognized report as the page lists it: its times in the schedule's zone, no null. */
    public record ReportLine(long id, String received, String origin, String from, String subject) {
    }

    private final Operator operator;
    private final AdminAuth auth;
    private final Templates templates;
    private final Clock clock;
    private final ScheduleConfig schedule;
    /** Per session (by its CSRF token), the outcome of its last action, shown once. */
    private final Map<String, String> flashes = new ConcurrentHashMap<>();

    AdminPage(Operator operator, AdminAuth auth, Templates templates, Clock clock, ScheduleConfig schedule) {
        this.operator = operator;
        this.auth = auth;
        this.templates = templates;
        this.clock = clock;
        this.schedule = schedule;
    }

    public void show(Context ctx) {
        AdminAuth.Session session = auth.session(ctx);
        if (session == null) {
            render(ctx, 200, "admin/login.html.vm", Map.of("title", "Log in", "error", ""));
            return;
        }
        List<EditionFigures> editions = operator.editions();
        List<EditionFigures> oldestFirst = new ArrayList<>(editions);
        Collections.reverse(oldestFirst);
        Map<String, Object> values = new HashMap<>();
        values.put("title", "Editions");
        values.put("editions", editions);
        // Refresh while anything goes out, including a send just triggered whose edition is still being planned.
        values.put("sending", operator.control().isBusy() || editions.stream().anyMatch(e -> e.status().equals("sending")));
        values.put("nextRun", operator.nextRun().map(schedule::local).orElse("not scheduled"));
        values.put("csrf", session.csrf());
        String flash = flashes.remove(session.csrf());
        values.put("message", flash == null ? "" : flash);
        values.put("chart", (TrustedHtml) () -> HistoryChart.svg(oldestFirst));
        values.put("hasOutbox", operator.hasOutbox());
        values.put("outbox", operator.outboxFiles());
        values.put("thisWeek", IsoWeek.of(clock.instant(), schedule.zone()).previous().toString());
        values.put("warnings", editions.stream().flatMap(e -> e.warnings().stream().map(w -> new Warning(e.week(), w))).toList());
        values.put("reports", operator.unrecognizedReports().stream().map(this::line).toList());
        render(ctx, 200, "admin/editions.html.vm", values);
    }

    /** One unrecognized report: what was kept of the message, as plain text (the template escapes it). */
    public void report(Context ctx) {
        Optional<UnrecognizedReport> report;
        try {
            report = operator.unrecognizedReport(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            report = Optional.empty();
        }
        report.ifPresentOrElse(r -> {
            Map<String, Object> values = new HashMap<>();
            values.put("title", "Report " + r.id());
            values.put("report", line(r));
            values.put("message", r.message() == null ? "" : r.message());
            render(ctx, 200, "admin/report.html.vm", values);
        }, () -> ctx.status(404).contentType("text/plain; charset=utf-8")
                .result("No such unrecognized report.\n"));
    }

    private ReportLine line(UnrecognizedReport r) {
        return new ReportLine(r.id(), schedule.local(r.receivedAt()), r.origin(), r.sender() == null ? "" : r.sender(),
                r.subject() == null ? "" : r.subject());
    }

    public void login(Context ctx) {
        if (!auth.tokenMatches(ctx.formParam("token"))) {
            render(ctx, 401, "admin/login.html.vm", Map.of("title", "Log in", "error", "That token is not right."));
            return;
        }
        auth.login(ctx);
        ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    }

    public void logout(Context ctx) {
        AdminAuth.Session session = auth.session(ctx);
        if (session != null) {
            flashes.remove(session.csrf());
        }
        auth.logout(ctx);
        ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    }

    /** The before-handler of every page route but the log-in: a session, and on a POST its CSRF token. */
    public void authorize(Context ctx) {
        AdminAuth.Session session = auth.session(ctx);
        if (session == null || (ctx.method().name().equals("POST") && !auth.csrfMatches(session, ctx.formParam("csrf")))) {
            ctx.status(session == null ? 401 : 403).contentType("text/plain; charset=utf-8")
                    .result(session == null ? "Log in at /admin first.\n" : "This form is stale: reload the page.\n");
            ctx.skipRemainingHandlers();
        }
    }

    public void send(Context ctx) {
        weekParam(ctx).ifPresent(week -> {
            String msg;
            try {
                EditionControl.Triggered t = operator.control().trigger(week);
                msg = switch (t) {
                    case STARTED -> "Sending " + week + ".";
                    case ALREADY_RUNNING -> week + " is already being sent.";
                    case ALREADY_SENT -> week + " was already sent; it is not sent again.";
                    case FINAL -> week + " is finished (skipped or cancelled).";
                };
            } catch (PreflightException e) {
                msg = e.getMessage();
            }
            back(ctx, msg);
        });
    }

    public void testSend(Context ctx) {
        weekParam(ctx).ifPresent(week -> {
            String msg;
            try {
                EmailAddress to = EmailAddress.parse(ctx.formParam("email"));
                operator.proofs().sendTest(week, null, to.value());
                msg = "Test copy of " + week + " sent to " + to + ".";
            } catch (IllegalArgumentException | SendFailure | PreflightException e) {
                msg = "Test send failed: " + e.getMessage();
            }
            back(ctx, msg);
        });
    }

    public void pause(Context ctx) {
        weekParam(ctx).ifPresent(w -> back(ctx, operator.control().pause(w) ? w + " paused." : w + " cannot be paused now."));
    }

    public void resume(Context ctx) {
        weekParam(ctx).ifPresent(w -> back(ctx, operator.control().resume(w) ? w + " resumed." : w + " cannot be resumed now."));
    }

    public void cancel(Context ctx) {
        weekParam(ctx).ifPresent(w -> back(ctx, operator.control().cancel(w) ? w + " cancelled." : w + " cannot be cancelled now."));
    }

    public void preview(Context ctx) {
        AdminApi.week(ctx).ifPresentOrElse(w -> ctx.contentType("text/html; charset=utf-8").result(operator.proofs().preview(w).html()),
                () -> ctx.status(404).result("No such week.\n"));
    }

    /** An outbox message shown as its reader would see it: its HTML part. */
    public void outboxMessage(Context ctx) {
        operator.outboxMessage(ctx.pathParam("file")).ifPresentOrElse(bytes -> {
            try {
                Optional<String> html = MessageParts.html(bytes);
                ctx.contentType(html.isEmpty() ? "text/plain; charset=utf-8" : "text/html; charset=utf-8")
                        .result(html.orElseGet(() -> new String(bytes, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                ctx.status(500).result("This message cannot be read: " + e.getMessage() + "\n");
            }
        }, () -> ctx.status(404).result("No such message.\n"));
    }

    private Optional<IsoWeek> weekParam(Context ctx) {
        String raw = ctx.pathParamMap().containsKey("week") ? ctx.pathParam("week") : ctx.formParam("week");
        try {
            return Optional.of(IsoWeek.parse(raw));
        } catch (IllegalArgumentException e) {
            back(ctx, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Back to the page, which shows the outcome once. The message stays on the server, kept for the
     * session: a link cannot put words of its own on the operator's page.
     */
    private void back(Context ctx, String message) {
        AdminAuth.Session session = auth.session(ctx);
        if (session != null) {
            flashes.put(session.csrf(), message);
        }
        ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    }

    private void render(Context ctx, int status, String template, Map<String, ?> values) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(templates.get(template).render(values));
    }
}
