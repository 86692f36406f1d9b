package org.therapychat.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import spark.routematch.RouteMatch;

/**
 * The label of a request for metrics: the template of the route that answers its method and path
 * ({@code /api/therapy-sessions/:tsId/enter}), else a fixed word — {@code unmatched} for a 404 and
 * {@code refused} for any other answer given before routing (CSRF, admin token, a non-canonical path).
 * Never the path itself: a path is the client's to choose, and the number of series is capped.
 */
final class RouteTemplates {
    static final String UNMATCHED = "unmatched";
    static final String REFUSED = "refused";

    private record Template(String method, String[] segments, boolean wildcard, String text) {
        boolean matches(String requestMethod, String[] path) {
            if (!method.equals(requestMethod) && !(requestMethod.equals("head") && method.equals("get"))) {
                return false;
            }
            int fixed = wildcard ? segments.length - 1 : segments.length;
            if (wildcard ? path.length <= fixed : path.length != fixed) {
                return false;
            }
            for (int i = 0; i < fixed; i++) {
                if (!segments[i].startsWith(":") && !segments[i].equals(path[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Template> templates = new ArrayList<>();

    /** The routes of a started SparkJava service (its filters are left out). */
    RouteTemplates(List<RouteMatch> routes) {
        for (RouteMatch route : routes) {
            String method = route.getHttpMethod().name();
            if (method.equals("before") || method.equals("after") || method.equals("afterafter")) {
                continue;
            }
            String path = route.getMatchUri();
            String[] segments = segments(path);
            boolean wildcard = segments.length > 0 && segments[segments.length - 1].equals("*");
            templates.add(new Template(method, segments, wildcard, path));
        }
    }

    String label(String method, String path, int status) {
        if (path != null && method != null) {
            String[] segments = segments(path);
            String lower = method.toLowerCase(Locale.ROOT);
            for (Template template : templates) {
                if (template.matches(lower, segments)) {
                    return template.text();
                }
            }
        }
        return status == 404 ? UNMATCHED : REFUSED;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
