package org.therapychat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import spark.FilterImpl;
import spark.Request;
import spark.Response;
import spark.RouteImpl;
import spark.route.HttpMethod;
import spark.route.Routes;
import spark.routematch.RouteMatch;

/** {@link IndexedRoutes} answers every lookup exactly as SparkJava's own {@link Routes} does. */
class IndexedRoutesTest {
    private static final String[] ROUTES = {
        "/api/therapy-sessions/:tsId/actions/sync", "/api/therapy-sessions/:tsId/actions", "/api/therapy-sessions/:tsId/enter",
        "/api/therapy-sessions/:tsId/admit/:userId", "/api/therapy-sessions", "/api/me", "/api/login/start", "/api/logout",
        "/admin/users/:userId", "/admin/users/import", "/admin/*", "/assets/*", "/console/", "/console", "/", "/a/*/c",
        "/a/:b/c/*", "/x/*", "/x/y/", "/API/ME", "/files/:name/", "*",
    };
    private static final String[] ACCEPT = {"*/*", "application/json", "text/html"};
    private static final String[] PATHS = {
        "/api/therapy-sessions/S1/actions/sync", "/api/therapy-sessions/S1/actions/sync/", "/api/therapy-sessions/S1/actions",
        "/api/therapy-sessions/S1/enter", "/api/therapy-sessions/S1/admit/u7", "/api/therapy-sessions", "/api/therapy-sessions/",
        "/api/me", "/api/ME", "/API/ME", "/api//me", "//api/me", "/api/me/", "/api/login/start", "/api/logout", "/admin",
        "/admin/", "/admin/users/u1", "/admin/users/import", "/admin/users/u1/extra", "/assets/app.js", "/assets/", "/assets",
        "/assets/a/b/c.css", "/console", "/console/", "/", "", "/a/b/c", "/a/b/c/", "/a/b/c/d", "/a/b/c/d/e", "/a/b",
        "/a/b/", "/x", "/x/", "/x/y", "/x/y/", "/x/y/z", "/files/f.txt", "/files/f.txt/", "/unknown", "/api/therapy-sessions/:tsId/actions",
        "/api/therapy-sessions/S1/actions/sync?x=1", "/a//c", "/a/%2F/c",
    };
    private static final String[] ACCEPT_HEADERS = {
        null, "*/*", "application/json", "text/html", "text/html;q=0.9, application/json", "image/png", "application/*", "",
    };

    @Test
    void answersEveryLookupAsSparkDoes() {
        Routes spark = Routes.create();
        List<Object> targets = new ArrayList<>();
        HttpMethod[] routeMethods = {HttpMethod.get, HttpMethod.post, HttpMethod.put, HttpMethod.delete};
        for (int i = 0; i < ROUTES.length; i++) {
            for (int m = 0; m < routeMethods.length; m++) {
                if ((i + m) % 3 == 0) {
                    continue;
                }
                RouteImpl route = new RouteImpl(ROUTES[i], ACCEPT[(i + m) % ACCEPT.length]) {
                    @Override
                    public Object handle(Request request, Response response) {
                        return null;
                    }
                };
                targets.add(route);
                spark.add(routeMethods[m], route);
            }
        }
        String[] filterPaths = {"+/*paths", "/admin/*", "/api/*", "/api/me", "/console/"};
        for (HttpMethod kind : new HttpMethod[] {HttpMethod.before, HttpMethod.after, HttpMethod.afterafter}) {
            for (int f = 0; f < filterPaths.length; f++) {
                spark.add(kind, new FilterImpl(filterPaths[f], ACCEPT[f % ACCEPT.length]) {
                    @Override
                    public void handle(Request request, Response response) {
                    }
                });
            }
        }
        IndexedRoutes indexed = new IndexedRoutes(spark);
        indexed.freeze();

        int lookups = 0;
        int found = 0;
        for (HttpMethod method : HttpMethod.values()) {
            for (String path : PATHS) {
                for (String accept : ACCEPT_HEADERS) {
                    RouteMatch expected = spark.find(method, path, accept);
                    RouteMatch actual = indexed.find(method, path, accept);
                    assertThat(describe(actual)).as("find %s %s %s", method, path, accept).isEqualTo(describe(expected));
                    assertThat(indexed.findMultiple(method, path, accept).stream().map(IndexedRoutesTest::describe).toList())
                            .as("findMultiple %s %s %s", method, path, accept)
                            .isEqualTo(spark.findMultiple(method, path, accept).stream().map(IndexedRoutesTest::describe).toList());
                    lookups += 2;
                    found += expected == null ? 0 : 1;
                }
            }
        }
        System.out.printf("IndexedRoutes: %d lookups over %d entries answered as Spark's (%d finds matched a route)%n",
                lookups, spark.findAll().size(), found);
        assertThat(found).as("the corpus exercises matches, not only misses").isGreaterThan(100);
    }

    @Test
    void asksSparkUntilFrozenAndAgainAfterAChange() {
        Routes spark = Routes.create();
        IndexedRoutes indexed = new IndexedRoutes(spark);
        RouteImpl first = route("/first");
        spark.add(HttpMethod.get, first);
        assertThat(indexed.find(HttpMethod.get, "/first", null).getTarget()).isSameAs(first);

        indexed.freeze();
        RouteImpl second = route("/second");
        spark.add(HttpMethod.get, second);
        assertThat(indexed.find(HttpMethod.get, "/second", null)).as("frozen: Spark's later additions unseen").isNull();

        RouteImpl third = route("/third");
        indexed.add(HttpMethod.get, third);
        assertThat(indexed.find(HttpMethod.get, "/second", null).getTarget()).isSameAs(second);
        assertThat(indexed.find(HttpMethod.get, "/third", null).getTarget()).isSameAs(third);
        indexed.clear();
        assertThat(indexed.find(HttpMethod.get, "/first", null)).isNull();
    }

    private static RouteImpl route(String path) {
        return new RouteImpl(path) {
            @Override
            public Object handle(Request request, Response response) {
                return null;
            }
        };
    }

    private static String describe(RouteMatch m) {
        return m == null ? "none" : System.identityHashCode(m.getTarget()) + " " + m.getMatchUri() + " " + m.getRequestURI()
                + " " + m.getAcceptType() + " " + m.getHttpMethod();
    }
}
