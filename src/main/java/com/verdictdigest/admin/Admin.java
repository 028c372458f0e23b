package com.verdictdigest.admin;

import com.verdictdigest.schedule.ScheduleConfig;
import com.verdictdigest.templates.Templates;
import java.time.Clock;
import java.util.Set;

/** The operator's web parts, wired: the API and the page share one token and one view of the editions. */
public final class Admin {
    public final AdminApi api;
    public final AdminPage page;

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
}
