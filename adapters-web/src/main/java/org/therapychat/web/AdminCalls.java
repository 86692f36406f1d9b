package org.therapychat.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import spark.route.HttpMethod;
import spark.routematch.RouteMatch;

/**
 * Names a call to {@code /admin} for the audit by its method and the template of the admin route
 * its path matches ({@code PUT /admin/users/:userId}), never by the path as sent: nothing the
 * caller chose (ids, newlines, labels) reaches the trail through a refusal. A path that matches no
 * route is {@value #NO_SUCH_ROUTE}; a method outside HTTP's own is {@code other}.
 */
final class AdminCalls {
    static final String NO_SUCH_ROUTE = "/admin/(no such route)";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");
    private static final Set<HttpMethod> FILTERS = Set.of(HttpMethod.before, HttpMethod.after, HttpMethod.afterafter);
    private final Supplier<List<RouteMatch>> routes;

    private record Template(String method, String uri, String[] segments, int params) {
        boolean matches(String[] path) {
            if (path.length != segments.length) {
                return false;
            }
            for (int i = 0; i < path.length; i++) {
                boolean param = segments[i].startsWith(":");
                if (param ? path[i].isEmpty() : !segments[i].equals(path[i])) {
                    return false;
                }
            }
            return true;
        }
    }

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
        return name + " " + template(name, path);
    }

    private String template(String method, String path) {
        if (path == null) {
            return NO_SUCH_ROUTE;
        }
        String[] segments = path.split("/", -1);
        // the route of this method if there is one, else any method's; the most literal first
        return templates().stream().filter(t -> t.matches(segments))
                .min(Comparator.comparing((Template t) -> !t.method().equals(method)).thenComparingInt(Template::params))
                .map(Template::uri).orElse(NO_SUCH_ROUTE);
    }

    private List<Template> templates() {
        List<Template> known = new ArrayList<>();
        for (RouteMatch r : routes.get()) {
            String uri = r.getMatchUri();
            if (FILTERS.contains(r.getHttpMethod()) || uri == null || !uri.startsWith("/admin/") || uri.contains("*")) {
                continue;
            }
            String[] segments = uri.split("/", -1);
            int params = (int) Arrays.stream(segments).filter(s -> s.startsWith(":")).count();
            known.add(new Template(r.getHttpMethod().name().toUpperCase(Locale.ROOT), uri, segments, params));
        }
        return known;
    }
}
