package com.verdictdigest.web;

import com.verdictdigest.templates.Templates;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renders the Velocity page templates ({@code templates/pages/}); values are escaped like the email's. */
final class Pages {
    private final Templates templates;

    Pages(Templates templates) {
        this.templates = templates;
    }

    void render(Context ctx, int status, String page, Map<String, ?> values) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(templates.get("pages/" + page).render(values));
    }

    /** A message page, with at most one button that posts to {@code action}. */
    void message(Context ctx, int status, String title, List<String> lines, String action, String csrf, String button) {
        Map<String, Object> values = new HashMap<>();
        values.put("title", title);
        values.put("lines", lines);
        values.put("action", action);
        values.put("csrf", csrf == null ? "" : csrf);
        values.put("button", button == null ? "" : button);
        values.put("linkUrl", null);
        values.put("linkText", "");
        render(ctx, status, "message.html.vm", values);
    }

    void notValid(Context ctx) {
        message(ctx, 404, "This link is not valid", List.of(
                "The link may have been cut short or changed. Use the link exactly as it came in the email."),
                null, null, null);
    }
}
