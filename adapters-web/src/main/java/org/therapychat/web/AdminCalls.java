package org.therapychat.web;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import spark.routematch.RouteMatch;

/**
 * Names a call to {@code /admin} for the audit by its method and the template of the admin route
 * its path matches ({@code PUT /admin/users/:userId}), never by the path as sent: nothing the
 * caller chose (ids, newlines, labels) reaches the trail through a refusal. A path that matches no
 * route is {@value #NO_SUCH_ROUTE}; a method outside HTTP's own is {@code other}. The matching is
 * {@link RouteTemplates}', which labels the metrics the same way.
 */
final class AdminCalls {
    static final String NO_SUCH_ROUTE = "/admin/(no such route)";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");
    private final Supplier<List<RouteMatch>> routes;

    /** @param routes the server's routes, read for each call named (a few dozen: cheaper than a cache that could be taken too early) */
    AdminCalls(Supplier<List<RouteMatch>> routes) {
        this.routes = routes;
    }

    /**
     * The call as the audit records it.
     *
     * @param method the request's method as sent
     * @param path the request's decoded path
     * @return e.g. {@code PUT /admin/users/:userId}, {@code other /admin/(no such route)}
     */
    String of(String method, String path) {
        String name = method != null && METHODS.contains(method) ? method : "other";
        String template = path == null ? NO_SUCH_ROUTE
                : new RouteTemplates(routes.get()).template(name, path, t -> t.startsWith("/admin/") && !t.contains("*"))
                        .orElse(NO_SUCH_ROUTE);
        return name + " " + template;
    }
}
