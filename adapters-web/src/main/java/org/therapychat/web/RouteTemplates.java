package org.therapychat.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
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
            return matchesPath(path);
        }

        int params() {
            return (int) Arrays.stream(segments).filter(s -> s.startsWith(":") || s.equals("*")).count();
        }

        boolean matchesPath(String[] path) {
            int fixed = wildcard ? segments.length - 1 : segments.length;
            if (wildcard ? path.length <= fixed : path.length != fixed) {
                return false;
            }
            for (int i = 0; i < fixed; i++) {
                boolean param = segments[i].startsWith(":");
                if (param ? path[i].isEmpty() : !segments[i].equals(path[i])) {
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

    /**
     * The template of the route of this method that matches the path, else of any method's route
     * (the most literal first), among those {@code eligible} lets in: how a refused call is named.
     *
     * @param method the request's method
     * @param path the request's decoded path
     * @param eligible which templates may name it
     * @return the template, or empty when no eligible route matches
     */
    Optional<String> template(String method, String path, Predicate<String> eligible) {
        String[] segments = segments(path);
        String lower = method.toLowerCase(Locale.ROOT);
        return templates.stream().filter(t -> eligible.test(t.text()) && t.matchesPath(segments))
                .min(Comparator.comparing((Template t) -> !t.method().equals(lower)).thenComparingInt(Template::params))
                .map(Template::text);
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
