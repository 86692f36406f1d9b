package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC §4 over HTTP with the bearer token. */
class AdminHttpTest {
    private static RunningApp app;
    private static Api admin;

    @BeforeAll
    static void start() {
        app = RunningApp.relaxed();
        admin = app.client();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Api.Reply put(String path, String body) {
        return admin.write("PUT", path, body, RunningAppAuth.ADMIN);
    }

    @Test
    void aStudyIsSetUpThroughTheAdminApiAndItsParticipantsSeeIt() {
        assertThat(put("/admin/users/P20", "{\"role\":\"participant\",\"displayName\":\"Foo\",\"phone\":\"+1 650 555 0120\","
                + "\"identifier\":\"Smith\"}").get("phone").asText()).isEqualTo("+16505550120");
        Api.Reply session = put("/admin/therapy-sessions/week-2", "{\"name\":\"Week 2\",\"topic\":\"Sleep\","
                + "\"date\":\"2026-12-01T18:00:00Z\",\"members\":[\"P20\",\"T1\"],\"admission\":\"therapist\"}");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.get("members").toString()).contains("\"role\":\"therapist\"");
        Api.Reply surveys = put("/admin/therapy-sessions/week-2/assessments/P20", "{\"assessments\":["
                + "{\"name\":\"location\",\"due\":\"pre\",\"status\":\"incomplete\",\"url\":\"https://s.example/l\"},"
                + "{\"name\":\"post-session_survey\",\"status\":\"incomplete\",\"url\":\"https://s.example/p\"}]}");
        assertThat(surveys.status()).isEqualTo(200);

        Api foo = app.logIn("+1 650 555 0120", "smith");
        Api.Reply list = foo.get("/api/therapy-sessions");
        assertThat(list.get("todo").asInt()).isEqualTo(1);
        assertThat(list.get("therapy_sessions").get(0).get("assessments").get(0).get("url").asText())
                .isEqualTo("https://s.example/l");
        assertThat(list.get("therapy_sessions").get(0).get("assessments").get(0).get("dueNow").asBoolean()).isTrue();
        assertThat(list.get("therapy_sessions").get(0).get("assessments").get(1).get("dueNow").asBoolean()).isFalse();
        Api.Reply gated = foo.post("/api/therapy-sessions/week-2/enter");
        assertThat(gated.status()).isEqualTo(403);
        assertThat(gated.get("error").asText()).isEqualTo("assessments_pending");
        assertThat(gated.get("assessments").get(0).asText()).isEqualTo("location");

        put("/admin/therapy-sessions/week-2/assessments/P20", "{\"assessments\":["
                + "{\"name\":\"location\",\"due\":\"pre\",\"status\":\"complete\"}]}");
        Api.Reply waiting = foo.post("/api/therapy-sessions/week-2/enter");
        assertThat(waiting.status()).isEqualTo(202);
        assertThat(waiting.get("status").asText()).isEqualTo("waiting_for_admission");
    }

    @Test
    void badAdminBodiesNameTheField() {
        Api.Reply badRole = put("/admin/users/P21", "{\"role\":\"boss\",\"displayName\":\"X\",\"phone\":\"+16505550121\","
                + "\"identifier\":\"X\"}");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.get("field").asText()).isEqualTo("role");
        Api.Reply badDate = put("/admin/therapy-sessions/week-3", "{\"name\":\"W\",\"date\":\"soon\",\"members\":[]}");
        assertThat(badDate.get("field").asText()).isEqualTo("date");
        Api.Reply unknownMember = put("/admin/therapy-sessions/week-3", "{\"name\":\"W\",\"date\":\"2026-12-01T18:00:00Z\","
                + "\"members\":[\"NOPE\"]}");
        assertThat(unknownMember.get("field").asText()).isEqualTo("members");
        Api.Reply badFormat = admin.get("/admin/therapy-sessions/demo-week-1/export?format=xml", RunningAppAuth.ADMIN);
        assertThat(badFormat.get("field").asText()).isEqualTo("format");
    }

    @Test
    void noticesAreAppendedAndTheExportHasEverything() {
        Api.Reply notice = admin.write("POST", "/admin/therapy-sessions/demo-week-1/notices",
                "{\"body\":\"=We start in 5 minutes\"}", RunningAppAuth.ADMIN);
        assertThat(notice.status()).isEqualTo(201);
        Api ana = app.logIn("+1 650 555 0101", "Smith");
        ana.post("/api/therapy-sessions/demo-week-1/enter");
        ana.post("/api/therapy-sessions/demo-week-1/actions/sync", "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"e-1\","
                + "\"type\":\"message\",\"body\":\"research me\",\"character_history\":[\"r\",\"e\"],\"time_to_complete\":\"9ms\"}]}");
        Api.Reply json = admin.get("/admin/therapy-sessions/demo-week-1/export?format=json", RunningAppAuth.ADMIN);
        assertThat(json.get("actions").toString()).contains("\"character_history\":[\"r\",\"e\"]", "\"time_to_complete\":\"9ms\"",
                "=We start in 5 minutes");
        Api.Reply csv = admin.get("/admin/therapy-sessions/demo-week-1/export?format=csv", RunningAppAuth.ADMIN);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.text()).startsWith("id,timestamp,type,user").contains("\"'=We start in 5 minutes\"")
                .contains("\"research me\"");
    }
}
