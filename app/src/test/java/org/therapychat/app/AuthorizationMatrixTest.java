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
 * a therapist, and for {@code /admin} also staff (their login cookie) and the admin token. Each
 * cell states the status the caller must get.
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
        admin.write("PUT", "/admin/therapy-sessions/other", "{\"name\":\"Other group\",\"date\":\"" + Dates.hoursFromNow(26) + "\","
                + "\"members\":[\"P9\"]}", RunningAppAuth.ADMIN);
        callers = new LinkedHashMap<>();
        callers.put("anonymous", app.client());
        callers.put("outsider", app.logIn("+1 650 555 0109", "Other"));
        callers.put("participant", app.logIn("+1 650 555 0101", "Smith"));
        callers.put("therapist", app.logIn("+1 650 555 0100", "Rivera"));
        staff = app.logIn(DemoData.STAFF_PHONE, "Coordinator");
    }

    private static Api staff;

    @AfterAll
    static void stop() {
        app.close();
    }

    private record Cell(String endpoint, Function<Api, Api.Reply> call, int anonymous, int outsider, int participant,
                        int therapist) {
    }

    @Test
    void theConsoleIsForStaffOnly() {
        assertThat(callers.get("anonymous").get("/console/").status()).as("the login form").isEqualTo(200);
        assertThat(callers.get("participant").get("/console/").status()).isEqualTo(403);
        assertThat(callers.get("therapist").get("/console/index.html").status()).isEqualTo(403);
        Api.Reply forStaff = staff.get("/console/");
        assertThat(forStaff.status()).isEqualTo(200);
        assertThat(forStaff.text()).contains("<html");
        assertThat(callers.get("participant").get("/console/").text()).as("the page that says staff only")
                .isEqualTo(forStaff.text());
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
        assertThat(callers.get("anonymous").get("/admin/therapy-sessions/demo-week-1/export").status()).isEqualTo(401);
        for (String member : List.of("outsider", "participant", "therapist")) {
            assertThat(callers.get(member).get("/admin/therapy-sessions/demo-week-1/export").status()).isEqualTo(403);
        }
        assertThat(anyone.write("PUT", "/admin/users/P11", user, RunningAppAuth.ADMIN).status()).isEqualTo(200);
        assertThat(anyone.get("/admin/therapy-sessions/demo-week-1/export", RunningAppAuth.ADMIN).status()).isEqualTo(200);
    }

    @Test
    void withoutAConfiguredTokenTheAdminApiDoesNotExistButStaffStillUseIt() {
        try (RunningApp noAdmin = new RunningApp(Map.of("ADMIN_TOKEN", ""))) {
            Api.Reply reply = noAdmin.client().get("/admin/therapy-sessions/demo-week-1/export", RunningAppAuth.ADMIN);
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.get("error").asText()).isEqualTo("not_found");
            assertThat(noAdmin.client().get("/admin/users").status()).isEqualTo(404);
            Api sam = noAdmin.logIn(DemoData.STAFF_PHONE, "Coordinator");
            assertThat(sam.get("/admin/therapy-sessions/demo-week-1/export").status()).isEqualTo(200);
            assertThat(sam.get("/admin/users").status()).isEqualTo(200);
        }
    }

    /** A cell of the admin matrix: anonymous, participant, therapist, staff (cookie), the token. */
    private record AdminCell(String endpoint, java.util.function.BiFunction<Api, Map<String, String>, Api.Reply> call,
                             int anonymous, int participant, int therapist, int staff, int token) {
    }

    private static final String USER = "{\"role\":\"participant\",\"displayName\":\"Mat\",\"phone\":\"+1 650 555 0130\","
            + "\"identifier\":\"Rix\"}";

    @Test
    void everyAdminEndpointAnswersEachCallerAsItShould() {
        String ts = "/admin/therapy-sessions/demo-week-1";
        String matrixTs = "{\"name\":\"Matrix\",\"date\":\"" + Dates.hoursFromNow(168) + "\",\"members\":[\"P2\"]}";
        List<AdminCell> matrix = List.of(
                new AdminCell("GET users", (a, h) -> a.get("/admin/users?query=an", h), 401, 403, 403, 200, 200),
                new AdminCell("PUT user", (a, h) -> a.write("PUT", "/admin/users/P30", USER, h), 401, 403, 403, 200, 200),
                new AdminCell("POST import", (a, h) -> csv(a, "id,role,displayName,phone,identifier\n"
                        + "P31,participant,Imp,+16505550131,Imp\n", h), 401, 403, 403, 200, 200),
                new AdminCell("GET sessions", (a, h) -> a.get("/admin/therapy-sessions", h), 401, 403, 403, 200, 200),
                new AdminCell("GET session", (a, h) -> a.get(ts, h), 401, 403, 403, 200, 200),
                new AdminCell("PUT session", (a, h) -> a.write("PUT", "/admin/therapy-sessions/matrix", matrixTs, h),
                        401, 403, 403, 200, 200),
                new AdminCell("PUT assessments", (a, h) -> a.write("PUT", ts + "/assessments/P2", "{\"assessments\":["
                        + "{\"name\":\"location\",\"due\":\"pre\",\"status\":\"complete\"}]}", h), 401, 403, 403, 200, 200),
                new AdminCell("POST notice", (a, h) -> a.write("POST", ts + "/notices", "{\"body\":\"Hi\"}", h),
                        401, 403, 403, 201, 201),
                new AdminCell("POST end", (a, h) -> a.write("POST", "/admin/therapy-sessions/matrix/end", "", h),
                        401, 403, 403, 200, 200),
                new AdminCell("GET now", (a, h) -> a.get("/admin/now", h), 401, 403, 403, 200, 200),
                new AdminCell("GET stats", (a, h) -> a.get(ts + "/stats", h), 401, 403, 403, 200, 200),
                new AdminCell("GET export", (a, h) -> a.get(ts + "/export?format=json", h), 401, 403, 403, 200, 200),
                new AdminCell("GET audit", (a, h) -> a.get("/admin/audit?since=0", h), 401, 403, 403, 200, 200));
        Map<String, Api> who = new LinkedHashMap<>();
        who.put("anonymous", callers.get("anonymous"));
        who.put("participant", callers.get("participant"));
        who.put("therapist", callers.get("therapist"));
        who.put("staff", staff);
        who.put("token", app.client());
        for (AdminCell cell : matrix) {
            int[] expected = {cell.anonymous(), cell.participant(), cell.therapist(), cell.staff(), cell.token()};
            int i = 0;
            for (Map.Entry<String, Api> caller : who.entrySet()) {
                Map<String, String> headers = caller.getKey().equals("token") ? RunningAppAuth.ADMIN : Map.of();
                Api.Reply reply = cell.call().apply(caller.getValue(), headers);
                assertThat(reply.status()).as(cell.endpoint() + " as " + caller.getKey() + ": " + reply.text())
                        .isEqualTo(expected[i++]);
                assertThat(reply.json()).as(cell.endpoint() + " answers JSON").isNotNull();
            }
        }
    }

    @Test
    void aParticipantsCookieOnTheAdminApiIsRefusedAndAudited() {
        Api.Reply refused = callers.get("participant").get("/admin/users?query=zzz-refused");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.get("error").asText()).isEqualTo("not_allowed");
        Api.Reply audit = app.client().get("/admin/audit", RunningAppAuth.ADMIN);
        assertThat(audit.get("entries").toString()).contains("\"actor\":\"P1\",\"action\":\"admin.refused\","
                + "\"target\":\"GET /admin/users\",\"outcome\":\"refused\"");
    }

    @Test
    void staffWritesPassTheSameCsrfGuardAsTheChat() {
        String body = "{\"role\":\"participant\",\"displayName\":\"Cee\",\"phone\":\"+1 650 555 0132\",\"identifier\":\"Cee\"}";
        Api.Reply noHeader = staff.raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(staff.base() + "/admin/users/P32"))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.get("error").asText()).isEqualTo("csrf");
        Api.Reply foreign = staff.write("PUT", "/admin/users/P32", body, Map.of("Origin", "https://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.get("error").asText()).isEqualTo("csrf");
        Api.Reply csvNoHeader = staff.raw(java.net.http.HttpRequest.newBuilder(java.net.URI.create(staff.base()
                        + "/admin/users/import")).header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("id,role,displayName,phone,identifier\n")));
        assertThat(csvNoHeader.status()).isEqualTo(403);
        assertThat(staff.write("PUT", "/admin/users/P32", body, Map.of()).status()).isEqualTo(200);
    }

    static Api.Reply csv(Api api, String csv, Map<String, String> headers) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base()
                        + "/admin/users/import"))
                .header("Content-Type", "text/csv; charset=utf-8").header("X-Requested-With", "TherapyChat")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv, java.nio.charset.StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return api.raw(b);
    }
}
