package com.verdictdigest.admin;

import com.verdictdigest.schedule.ScheduleConfig;
import com.verdictdigest.templates.Templates;
import com.verdictdigest.web.RouteModule;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.Set;

/** The operator's web parts, wired: the API and the page share one token and one view of the editions. */
public final class Admin implements RouteModule {
    private final AdminApi api;
    private final AdminPage page;

    /**
     * @param schedule  when digests go out: the page shows times and weeks in its zone, by {@code clock}
     * @param httpsSite whether the site is reached over https (site.base-url): the session cookie is then Secure
     * @param trustedProxies proxies whose {@code X-Forwarded-Proto: https} makes the cookie Secure too
     */
    public Admin(Operator operator, AdminToken token, Templates templates, Clock clock, ScheduleConfig schedule,
                 boolean httpsSite, Set<String> trustedProxies) {
        AdminAuth auth = new AdminAuth(token, clock, httpsSite, trustedProxies);
        this.api = new AdminApi(operator, auth);
        this.page = new AdminPage(operator, auth, templates, clock, schedule);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.before("/admin/api/*", api::authorize);
        routes.get("/admin/api/editions", api::list);
        routes.post("/admin/api/editions", api::trigger);
        routes.get("/admin/api/editions/{week}", api::show);
        routes.get("/admin/api/editions/{week}/preview", api::preview);
        routes.post("/admin/api/editions/{week}/pause", api::pause);
        routes.post("/admin/api/editions/{week}/resume", api::resume);
        routes.post("/admin/api/editions/{week}/cancel", api::cancel);
        routes.get("/admin/api/reports/unrecognized", api::unrecognized);
        routes.get("/admin/api/reports/unrecognized/{id}", api::unrecognizedReport);

        routes.get("/admin", page::show);
        routes.post("/admin/login", page::login);
        routes.before("/admin/editions/*", page::authorize);
        routes.before("/admin/outbox/*", page::authorize);
        routes.before("/admin/reports/*", page::authorize);
        routes.before("/admin/send", page::authorize);
        routes.before("/admin/test", page::authorize);
        routes.before("/admin/logout", page::authorize);
        routes.post("/admin/send", page::send);
        routes.post("/admin/test", page::testSend);
        routes.post("/admin/logout", page::logout);
        routes.get("/admin/editions/{week}/preview", page::preview);
        routes.post("/admin/editions/{week}/pause", page::pause);
        routes.post("/admin/editions/{week}/resume", page::resume);
        routes.post("/admin/editions/{week}/cancel", page::cancel);
        routes.get("/admin/outbox/{file}", page::outboxMessage);
        routes.get("/admin/reports/{id}", page::report);
    }
}
