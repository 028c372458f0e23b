package com.verdictdigest.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.verdictdigest.bounces.UnrecognizedReport;
import com.verdictdigest.delivery.EditionControl;
import com.verdictdigest.editions.PreflightException;
import com.verdictdigest.week.IsoWeek;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/api}: editions with their figures (bounces and complaints with their rates and
 * warnings among them), triggering, progress, preview, pause, resume and cancel, and the reports
 * that came back unrecognized. Every call needs {@code Authorization: Bearer <admin.token>};
 * without it: 401, nothing done.
 */
public final class AdminApi {
    /** Thread-safe once configured: one per class, not one per request. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Operator operator;
    private final AdminAuth auth;

    AdminApi(Operator operator, AdminAuth auth) {
        this.operator = operator;
        this.auth = auth;
    }

    /** The before-handler of every API route. */
    public void authorize(Context ctx) {
        if (!auth.bearer(ctx)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"verdicts-admin\"");
            ctx.status(401).json(Map.of("error", "missing or wrong admin token"));
            ctx.skipRemainingHandlers();
        }
    }

    public void list(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("editions", operator.editions());
        body.put("nextRun", operator.nextRun().map(Object::toString).orElse(null));
        ctx.json(body);
    }

    public void trigger(Context ctx) {
        IsoWeek week;
        boolean dryRun;
        try {
            JsonNode body = JSON.readTree(ctx.body());
            checkFields(body);
            week = IsoWeek.parse(body.get("week").asText());
            dryRun = body.has("dryRun") && body.get("dryRun").booleanValue();
        } catch (java.io.IOException | IllegalArgumentException e) {
            ctx.status(400).json(Map.of("error", "expected {\"week\": \"2026-W48\", \"dryRun\": false}: " + e.getMessage()));
            return;
        }
        try {
            if (dryRun) {
                var r = operator.proofs().dryRun(week);
                ctx.status(200).json(Map.of("week", week.toString(), "dryRun", true, "copies", r.copies(),
                        "comparisons", r.comparisons(), "subject", r.subject()));
                return;
            }
            EditionControl.Triggered t = operator.control().trigger(week);
            switch (t) {
                case STARTED, ALREADY_RUNNING -> {
                    // The edition record may appear a moment later: the send plans it in the background.
                    ctx.status(202).json(Map.of("week", week.toString(), "id", week.toString(),
                            "message", t == EditionControl.Triggered.STARTED ? "sending" : "already sending"));
                }
                case ALREADY_SENT -> ctx.status(409).json(Map.of("week", week.toString(),
                        "message", "already sent; it is not sent again"));
                case FINAL -> ctx.status(409).json(Map.of("week", week.toString(),
                        "message", "this edition is " + operator.edition(week).map(EditionFigures::status).orElse("final")));
            }
        } catch (PreflightException e) {
            ctx.status(422).json(Map.of("week", week.toString(), "problems", e.problems()));
        }
    }

    /**
     * Strictly what a trigger takes: a mistyped field must never be read as its default (a
     * {@code "dryRun": "True"} read as false would send for real).
     */
    private static void checkFields(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!name.equals("week") && !name.equals("dryRun")) {
                throw new IllegalArgumentException("unknown field '" + name + "'");
            }
        });
        if (!body.path("week").isTextual()) {
            throw new IllegalArgumentException("'week' must be a string such as \"2026-W48\"");
        }
        if (body.has("dryRun") && !body.get("dryRun").isBoolean()) {
            throw new IllegalArgumentException("'dryRun' must be true or false (a JSON boolean), not " + body.get("dryRun"));
        }
    }

    public void show(Context ctx) {
        week(ctx).flatMap(operator::edition).ifPresentOrElse(ctx::json,
                () -> ctx.status(404).json(Map.of("error", "no such edition")));
    }

    public void preview(Context ctx) {
        Optional<IsoWeek> week = week(ctx);
        if (week.isEmpty()) {
            ctx.status(404).json(Map.of("error", "no such week"));
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(operator.proofs().preview(week.get()).html());
    }

    public void pause(Context ctx) {
        change(ctx, w -> operator.control().pause(w), "paused");
    }

    public void resume(Context ctx) {
        change(ctx, w -> operator.control().resume(w), "resumed");
    }

    public void cancel(Context ctx) {
        change(ctx, w -> operator.control().cancel(w), "cancelled");
    }

    private void change(Context ctx, java.util.function.Predicate<IsoWeek> action, String done) {
        Optional<IsoWeek> week = week(ctx);
        if (week.isEmpty() || operator.edition(week.get()).isEmpty()) {
            ctx.status(404).json(Map.of("error", "no such edition"));
            return;
        }
        if (action.test(week.get())) {
            ctx.status(200).json(Map.of("week", week.get().toString(), "message", done));
        } else {
            ctx.status(409).json(Map.of("week", week.get().toString(),
                    "message", "not possible while the edition is " + operator.edition(week.get()).orElseThrow().status()));
        }
    }

    /** The latest unrecognized reports, newest first, without their messages. */
    public void unrecognized(Context ctx) {
        List<Map<String, Object>> reports = operator.unrecognizedReports().stream().map(r -> report(r, false)).toList();
        ctx.json(Map.of("unrecognized", reports));
    }

    /** One unrecognized report with what was kept of its message. */
    public void unrecognizedReport(Context ctx) {
        Optional<UnrecognizedReport> report;
        try {
            report = operator.unrecognizedReport(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            report = Optional.empty();
        }
        report.ifPresentOrElse(r -> ctx.json(report(r, true)), () -> ctx.status(404).json(Map.of("error", "no such report")));
    }

    private static Map<String, Object> report(UnrecognizedReport r, boolean withMessage) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("receivedAt", r.receivedAt().toString());
        m.put("origin", r.origin());
        m.put("from", r.sender());
        m.put("subject", r.subject());
        if (withMessage) {
            m.put("message", r.message());
        }
        return m;
    }

    static Optional<IsoWeek> week(Context ctx) {
        try {
            return Optional.of(IsoWeek.parse(ctx.pathParam("week")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

}
