package org.therapychat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import spark.route.HttpMethod;
import spark.routematch.RouteMatch;

class AdminCallsTest {
    private static RouteMatch route(HttpMethod method, String uri) {
        return new RouteMatch(null, uri, uri, "*/*", method);
    }

    private final AdminCalls calls = new AdminCalls(() -> List.of(
            route(HttpMethod.before, "/admin/*"),
            route(HttpMethod.post, "/admin/users/import"),
            route(HttpMethod.put, "/admin/users/:userId"),
            route(HttpMethod.get, "/admin/users"),
            route(HttpMethod.put, "/admin/therapy-sessions/:tsId/assessments/:userId"),
            route(HttpMethod.get, "/api/me")));

    @Test
    void aCallIsNamedByItsMethodAndTheTemplateOfTheRouteItsPathMatches() {
        assertThat(calls.of("PUT", "/admin/users/P1")).isEqualTo("PUT /admin/users/:userId");
        assertThat(calls.of("PUT", "/admin/therapy-sessions/w\n1/assessments/P1 ok"))
                .isEqualTo("PUT /admin/therapy-sessions/:tsId/assessments/:userId");
        assertThat(calls.of("POST", "/admin/users/import")).isEqualTo("POST /admin/users/import");
        assertThat(calls.of("GET", "/admin/users")).isEqualTo("GET /admin/users");
    }

    @Test
    void aLiteralRouteWinsOverAParameterAndAnotherMethodsRouteStillNamesThePath() {
        assertThat(calls.of("GET", "/admin/users/import")).isEqualTo("GET /admin/users/import");
        assertThat(calls.of("DELETE", "/admin/users/P1")).isEqualTo("DELETE /admin/users/:userId");
    }

    @Test
    void nothingTheCallerChoseIsKept() {
        assertThat(calls.of("GET", "/admin/users/P1/forged\n2026 token user.put")).isEqualTo("GET /admin/(no such route)");
        assertThat(calls.of("GET", "/admin/users/")).isEqualTo("GET /admin/(no such route)");
        assertThat(calls.of("GET", "/admin/me")).isEqualTo("GET /admin/(no such route)");
        assertThat(calls.of("GET", "/api/me")).as("only admin routes").isEqualTo("GET /admin/(no such route)");
        assertThat(calls.of("GET", null)).isEqualTo("GET /admin/(no such route)");
        assertThat(calls.of("BREW\nforged", "/admin/users/P1")).isEqualTo("other /admin/users/:userId");
        assertThat(calls.of("get", "/admin/users")).as("methods are case-sensitive").isEqualTo("other /admin/users");
    }
}
