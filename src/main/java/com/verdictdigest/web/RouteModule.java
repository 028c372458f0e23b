package com.verdictdigest.web;

import io.javalin.config.RoutesConfig;

/**
 * Routes a feature adds to the web server beside the readers' own, such as the operator's page and
 * API: the server knows the module, not the feature.
 */
@FunctionalInterface
public interface RouteModule {
    void addTo(RoutesConfig routes);
}
