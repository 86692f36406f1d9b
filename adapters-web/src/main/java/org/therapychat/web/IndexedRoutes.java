package org.therapychat.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import spark.route.HttpMethod;
import spark.route.Routes;
import spark.routematch.RouteMatch;
import spark.utils.MimeParse;
import spark.utils.SparkUtils;

/**
 * SparkJava's route matching without its cost per request. Spark compares a request with every
 * route and filter of its method by splitting both paths into segments, entry by entry: under the
 * live benchmark that was a quarter of everything the server allocated (108 of 462 MB a minute)
 * and, when polls saturate the server, over a third of its request threads' samples. This splits
 * every route once, when {@link #freeze() frozen}, and the request path once per lookup, then
 * applies Spark's own rules in Spark's order: {@code RouteEntry.matches} and {@code matchPath}
 * for which entries match, {@code Routes.find}'s choice by accept type and {@code findMultiple}'s
 * filter by it. {@code IndexedRoutesTest} holds every answer to Spark's own.
 *
 * <p>Spark adds routes to its own {@link Routes} (the one handed in here) and may start serving
 * while they are still being added, so until {@link #freeze()} every lookup goes to Spark's, and
 * any change made through this object afterwards is made there and thaws it again.
 */
final class IndexedRoutes extends Routes {
    private final Routes spark;
    /** Spark's entries, split, in the order they were added; null until frozen. */
    private volatile List<Entry> entries;

    IndexedRoutes(Routes spark) {
        this.spark = spark;
    }

    /** Takes Spark's routes as they are now; call it once every route and filter is added. */
    void freeze() {
        entries = spark.findAll().stream().map(Entry::new).toList();
    }

    @Override
    public RouteMatch find(HttpMethod httpMethod, String path, String acceptType) {
        List<Entry> all = entries;
        if (all == null) {
            return spark.find(httpMethod, path, acceptType);
        }
        List<Entry> matching = matching(all, httpMethod, path);
        Entry chosen = withAcceptType(matching, acceptType);
        return chosen == null ? null : chosen.match(path, acceptType, httpMethod);
    }

    @Override
    public List<RouteMatch> findMultiple(HttpMethod httpMethod, String path, String acceptType) {
        List<Entry> all = entries;
        if (all == null) {
            return spark.findMultiple(httpMethod, path, acceptType);
        }
        List<RouteMatch> found = new ArrayList<>();
        for (Entry entry : matching(all, httpMethod, path)) {
            if (acceptType == null || accepts(MimeParse.bestMatch(Arrays.asList(entry.acceptType), acceptType))) {
                found.add(entry.match(path, acceptType, httpMethod));
            }
        }
        return found;
    }

    @Override
    public List<RouteMatch> findAll() {
        return spark.findAll();
    }

    @Override
    public void add(HttpMethod httpMethod, spark.RouteImpl route) {
        entries = null;
        spark.add(httpMethod, route);
    }

    @Override
    public void add(HttpMethod httpMethod, spark.FilterImpl filter) {
        entries = null;
        spark.add(httpMethod, filter);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void add(String route, String acceptType, Object target) {
        entries = null;
        spark.add(route, acceptType, target);
    }

    @Override
    public void clear() {
        entries = null;
        spark.clear();
    }

    @Override
    public boolean remove(String path, String httpMethod) {
        entries = null;
        return spark.remove(path, httpMethod);
    }

    @Override
    public boolean remove(String path) {
        entries = null;
        return spark.remove(path);
    }

    private static List<Entry> matching(List<Entry> all, HttpMethod httpMethod, String path) {
        List<Entry> found = new ArrayList<>();
        List<String> segments = null;
        for (Entry entry : all) {
            if (entry.matchesAnyPath(httpMethod)) {
                found.add(entry);
            } else if (entry.httpMethod == httpMethod) {
                if (segments == null) {
                    segments = SparkUtils.convertRouteToList(path);
                }
                if (entry.matchesPath(path, segments)) {
                    found.add(entry);
                }
            }
        }
        return found;
    }

    /** Spark's {@code findTargetWithGivenAcceptType}: the first entry of each accept type, the best of those types. */
    private static Entry withAcceptType(List<Entry> matching, String acceptType) {
        if (matching.isEmpty()) {
            return null;
        }
        if (acceptType == null) {
            return matching.get(0);
        }
        Map<String, Entry> byType = new HashMap<>();
        for (Entry entry : matching) {
            byType.putIfAbsent(entry.acceptType, entry);
        }
        String best = MimeParse.bestMatch(byType.keySet(), acceptType);
        return accepts(best) ? byType.get(best) : null;
    }

    private static boolean accepts(String bestMatch) {
        return !MimeParse.NO_MIME_TYPE.equals(bestMatch);
    }

    /** One of Spark's entries, its path split once. */
    private static final class Entry {
        private final HttpMethod httpMethod;
        private final String path;
        private final String acceptType;
        private final Object target;
        private final List<String> segments;
        private final boolean wildcard;
        private final boolean trailingSlash;

        Entry(RouteMatch spark) {
            this.httpMethod = spark.getHttpMethod();
            this.path = spark.getMatchUri();
            this.acceptType = spark.getAcceptType();
            this.target = spark.getTarget();
            this.segments = List.copyOf(SparkUtils.convertRouteToList(path));
            this.wildcard = path.endsWith("*");
            this.trailingSlash = path.endsWith("/");
        }

        RouteMatch match(String requestPath, String acceptType, HttpMethod method) {
            return new RouteMatch(target, path, requestPath, acceptType, method);
        }

        /** A before or after filter on every path. */
        boolean matchesAnyPath(HttpMethod method) {
            return (method == HttpMethod.before || method == HttpMethod.after || method == HttpMethod.afterafter)
                    && httpMethod == method && path.equals(SparkUtils.ALL_PATHS);
        }

        /** Spark's {@code RouteEntry.matchPath}, with both paths split beforehand. */
        boolean matchesPath(String requestPath, List<String> requestSegments) {
            if (!wildcard && requestPath.endsWith("/") != trailingSlash) {
                return false;
            }
            if (path.equals(requestPath)) {
                return true;
            }
            int size = segments.size();
            List<String> request = requestSegments;
            if (size == request.size()) {
                return segmentsMatch(request);
            }
            if (!wildcard) {
                return false;
            }
            if (request.size() == size - 1 && requestPath.endsWith("/")) {
                // Spark's "hack for making wildcards work with trailing slash"
                request = new ArrayList<>(request);
                request.add("");
                request.add("");
            }
            return size < request.size() && segmentsMatch(request);
        }

        /** Each of this entry's segments against the request's: a parameter or a splat takes any. */
        private boolean segmentsMatch(List<String> request) {
            int size = segments.size();
            for (int i = 0; i < size; i++) {
                String own = segments.get(i);
                if (i == size - 1 && own.equals("*") && wildcard) {
                    return true;
                }
                if (!own.startsWith(":") && !own.equals(request.get(i)) && !own.equals("*")) {
                    return false;
                }
            }
            return true;
        }
    }
}
