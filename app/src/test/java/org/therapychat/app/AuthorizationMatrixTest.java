package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint × every kind of caller: anonymous, a member of another session, a participant,
 * a therapist, and the admin token. Each cell states the status the caller must get.
 */
class AuthorizationMatrixTest {
    private static final String TS = "/api/therapy-sessions/demo-week-1";
    private static RunningApp app;
    private static Map<String, Api> callers;

    @BeforeAll
    static void start() {
        app = RunningApp.relaxed();
        Api admin = app.client();
        admin.write("PUT", "/admin/users/P9", "{\"role\":\"participant\",\"displayName\":\"Olga\","
                + "\"phone\":\"+1 650 555 0109\",\"identifier\":\"Other\"}", RunningAppAuth.ADMIN);
        admin.write("PUT", "/admin/therapy-sessions/other", "{\"name\":\"Other group\",\"date\":\"2026-11-25T18:00:00Z\","
                + "\"members\":[\"P9\"]}", RunningAppAuth.ADMIN);
        callers = new LinkedHashMap<>();
        callers.put("anonymous", app.client());
        callers.put("outsider", app.logIn("+1 650 555 0109", "Other"));
        callers.put("participant", app.logIn("+1 650 555 0101", "Smith"));
        callers.put("therapist", app.logIn("+1 650 555 0100", "Rivera"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private record Cell(String endpoint, Function<Api, Api.Reply> call, int anonymous, int outsider, int participant,
                        int therapist) {
    }

    @Test
    void everyMemberEndpointAnswersEachCallerAsItShould() {
        List<Cell> matrix = List.of(
                new Cell("GET /api/me", a -> a.get("/api/me"), 401, 200, 200, 200),
                new Cell("GET /api/therapy-sessions", a -> a.get("/api/therapy-sessions"), 401, 200, 200, 200),
                new Cell("GET detail", a -> a.get(TS), 401, 403, 200, 200),
                new Cell("GET own assessments", a -> a.get(TS + "/assessments"), 401, 403, 200, 200),
                new Cell("GET Ben's assessments", a -> a.get(TS + "/assessments?participant=P2"), 401, 403, 403, 200),
                new Cell("POST enter", a -> a.post(TS + "/enter"), 401, 403, 200, 200),
                new Cell("POST sync", a -> a.post(TS + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[]}"), 401, 403, 200, 200),
                new Cell("GET actions", a -> a.get(TS + "/actions?since=0"), 401, 403, 200, 200),
                new Cell("POST actions", a -> a.post(TS + "/actions", "{\"actions\":[]}"), 401, 403, 200, 200),
                new Cell("PUT whiteboard", a -> a.put(TS + "/whiteboard", "{\"text\":\"Breathe\"}"), 401, 403, 403, 200),
                new Cell("POST admit", a -> a.post(TS + "/admit/P2"), 401, 403, 403, 200),
                new Cell("POST revoke", a -> a.post(TS + "/revoke/P2"), 401, 403, 403, 200),
                new Cell("POST leave", a -> a.post(TS + "/leave"), 401, 403, 200, 200),
                new Cell("POST end", a -> a.post(TS + "/end"), 401, 403, 403, 200));
        for (Cell cell : matrix) {
            int[] expected = {cell.anonymous(), cell.outsider(), cell.participant(), cell.therapist()};
            int i = 0;
            for (Map.Entry<String, Api> caller : callers.entrySet()) {
                Api.Reply reply = cell.call().apply(caller.getValue());
                assertThat(reply.status()).as(cell.endpoint() + " as " + caller.getKey() + ": " + reply.text())
                        .isEqualTo(expected[i++]);
                assertThat(reply.json()).as(cell.endpoint() + " answers JSON").isNotNull();
            }
        }
    }

    @Test
    void anOutsiderIsToldTheyAreNotAParticipant() {
        Api.Reply reply = callers.get("outsider").post(TS + "/enter");
        assertThat(reply.get("error").asText()).isEqualTo("not_allowed");
        assertThat(reply.get("message").asText()).isEqualTo("You are not a participant of this session.");
    }

    @Test
    void theAdminApiNeedsTheBearerToken() {
        Api anyone = app.client();
        String user = "{\"role\":\"participant\",\"displayName\":\"Zed\",\"phone\":\"+1 650 555 0111\",\"identifier\":\"Z\"}";
        assertThat(anyone.put("/admin/users/P11", user).status()).isEqualTo(401);
        assertThat(anyone.write("PUT", "/admin/users/P11", user, Map.of("Authorization", "Bearer wrong-token-xxxxxxxxxx"))
                .status()).isEqualTo(401);
        for (Api member : callers.values()) {
            assertThat(member.get("/admin/therapy-sessions/demo-week-1/export").status()).isEqualTo(401);
        }
        assertThat(anyone.write("PUT", "/admin/users/P11", user, RunningAppAuth.ADMIN).status()).isEqualTo(200);
        assertThat(anyone.get("/admin/therapy-sessions/demo-week-1/export", RunningAppAuth.ADMIN).status()).isEqualTo(200);
    }

    @Test
    void withoutAConfiguredTokenTheAdminApiDoesNotExist() {
        try (RunningApp noAdmin = new RunningApp(Map.of("ADMIN_TOKEN", ""))) {
            Api.Reply reply = noAdmin.client().get("/admin/therapy-sessions/demo-week-1/export", RunningAppAuth.ADMIN);
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.get("error").asText()).isEqualTo("not_found");
        }
    }
}
