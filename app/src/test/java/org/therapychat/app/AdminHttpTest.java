package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
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
                + "\"date\":\"" + Dates.hoursFromNow(168) + "\",\"members\":[\"P20\",\"T1\"],\"admission\":\"therapist\"}");
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
        Api.Reply unknownMember = put("/admin/therapy-sessions/week-3", "{\"name\":\"W\",\"date\":\"" + Dates.hoursFromNow(168) + "\","
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

    private static final String ROSTER_HEADER = "id,role,displayName,phone,identifier\n";

    @Test
    void aRosterWithBadRowsIsRefusedAsAWholeThenStoredOnceFixed() {
        Api sam = app.logIn(DemoData.STAFF_PHONE, "Coordinator");
        String bad = ROSTER_HEADER
                + "P40,participant,Ada,+1 650 555 0140,Lovelace\n"
                + "P41,patient,Bob,+1 650 555 0141,Builder\n"
                + "P42,participant,\"Cy, the third\",12,Young\n"
                + "P40,participant,Dup,+1 650 555 0143,Dup\n";
        Api.Reply refused = AuthorizationMatrixTest.csv(sam, bad, java.util.Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.get("error").asText()).isEqualTo("validation_failed");
        assertThat(refused.get("rows").toString()).contains("{\"line\":3,\"field\":\"role\"", "{\"line\":4,\"field\":\"phone\"",
                "{\"line\":5,\"field\":\"id\"");
        assertThat(sam.get("/admin/users?query=P40").get("users")).isEmpty();

        String fixed = ROSTER_HEADER
                + "P40,participant,Ada,+1 650 555 0140,Lovelace\n"
                + "P41,participant,Bob,+1 650 555 0141,Builder\n"
                + "P42,participant,\"Cy, the third\",+1 650 555 0142,Young\n";
        Api.Reply stored = AuthorizationMatrixTest.csv(sam, fixed, java.util.Map.of());
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().toString()).isEqualTo("{\"created\":3,\"updated\":0,\"unchanged\":0}");
        assertThat(AuthorizationMatrixTest.csv(sam, fixed, java.util.Map.of()).json().toString())
                .isEqualTo("{\"created\":0,\"updated\":0,\"unchanged\":3}");
        assertThat(sam.get("/admin/users?query=cy,%20THE").get("users").get(0).toString()).isEqualTo(
                "{\"id\":\"P42\",\"role\":\"participant\",\"displayName\":\"Cy, the third\",\"phone\":\"+16505550142\","
                        + "\"identifier\":\"Young\",\"disabled\":false}");
        Api.Reply notCsv = sam.post("/admin/users/import", "{}");
        assertThat(notCsv.status()).isEqualTo(415);
        assertThat(notCsv.get("field").asText()).isEqualTo("Content-Type");
        assertThat(sam.get("/admin/audit").get("entries").toString()).contains("\"action\":\"user.import\","
                + "\"target\":\"roster\",\"outcome\":\"invalid\"", "\"action\":\"staff.login\"");
    }

    @Test
    void disablingEndsTheLoginAndTheLiveSocketAndRefusesLoginsSilently() throws Exception {
        put("/admin/users/P50", "{\"role\":\"participant\",\"displayName\":\"Dee\",\"phone\":\"+1 650 555 0150\","
                + "\"identifier\":\"Dis\"}");
        put("/admin/therapy-sessions/dis-1", "{\"name\":\"Dis\",\"date\":\"" + Dates.hoursFromNow(168) + "\",\"members\":[\"P50\",\"T1\"]}");
        Api dee = app.logIn("+1 650 555 0150", "Dis");
        assertThat(dee.post("/api/therapy-sessions/dis-1/enter").status()).isEqualTo(200);
        try (LiveClient socket = dee.live("dis-1", java.util.Map.of())) {
            assertThat(socket.isOpen()).isTrue();
            Api sam = app.logIn(DemoData.STAFF_PHONE, "Coordinator");
            Api.Reply disabled = sam.put("/admin/users/P50", "{\"disabled\":true}");
            assertThat(disabled.status()).isEqualTo(200);
            assertThat(disabled.get("disabled").asBoolean()).isTrue();
            assertThat(socket.closeCode(3)).isEqualTo(4401);
        }
        assertThat(dee.get("/api/me").status()).isEqualTo(401);
        int outbox = app.outboxLines();
        Api again = app.client();
        assertThat(app.start(again, "+1 650 555 0150", "Dis").status()).isEqualTo(202);
        Thread.sleep(500);
        assertThat(app.outboxLines()).as("no SMS for a disabled user").isEqualTo(outbox);

        assertThat(put("/admin/users/P50", "{\"disabled\":false}").get("disabled").asBoolean()).isFalse();
        Api back = app.logIn("+1 650 555 0150", "Dis");
        assertThat(back.get("/api/me").status()).isEqualTo(200);
        assertThat(admin.get("/admin/therapy-sessions/dis-1", RunningAppAuth.ADMIN).get("members").toString())
                .as("nothing deleted").contains("P50");
    }

    @Test
    void theConsoleReadsSessionsNowStatisticsAndEndsASession() {
        Api sam = app.logIn(DemoData.STAFF_PHONE, "Coordinator");
        put("/admin/users/P60", "{\"role\":\"participant\",\"displayName\":\"Eli\",\"phone\":\"+1 650 555 0160\","
                + "\"identifier\":\"Now\"}");
        put("/admin/therapy-sessions/now-1", "{\"name\":\"Now\",\"topic\":\"T\",\"date\":\"" + Dates.hoursFromNow(26280) + "\","
                + "\"members\":[\"T1\",\"P60\"]}");
        put("/admin/therapy-sessions/now-1/assessments/P60", "{\"assessments\":[{\"name\":\"post\",\"status\":\"incomplete\","
                + "\"url\":\"https://s.example/p\"}]}");
        Api eli = app.logIn("+1 650 555 0160", "Now");
        assertThat(eli.post("/api/therapy-sessions/now-1/enter").status()).isEqualTo(200);
        eli.post("/api/therapy-sessions/now-1/actions/sync", "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"n-1\","
                + "\"type\":\"message\",\"body\":\"three little words\",\"time_to_complete\":\"1200ms\"}]}");

        Api.Reply list = sam.get("/admin/therapy-sessions");
        assertThat(list.get("therapy_sessions").get(0).get("id").asText()).as("newest first").isEqualTo("now-1");
        assertThat(list.get("therapy_sessions").get(0).get("members").toString())
                .contains("{\"id\":\"P60\",\"displayName\":\"Eli\",\"role\":\"participant\"}");
        Api.Reply detail = sam.get("/admin/therapy-sessions/now-1");
        assertThat(detail.get("admission").asText()).isEqualTo("auto");
        assertThat(detail.get("assessments").get("P60").toString()).isEqualTo(
                "[{\"name\":\"post\",\"due\":\"post\",\"status\":\"incomplete\",\"url\":\"https://s.example/p\",\"labels\":{}}]");
        Api.Reply now = sam.get("/admin/now");
        JsonNode row = null;
        for (JsonNode s : now.get("sessions")) {
            if (s.get("id").asText().equals("now-1")) {
                row = s;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.get("present").toString()).isEqualTo("[{\"id\":\"P60\",\"displayName\":\"Eli\"}]");
        assertThat(row.get("messagesLast5Minutes").asInt()).isEqualTo(1);

        Api.Reply stats = sam.get("/admin/therapy-sessions/now-1/stats");
        assertThat(stats.get("members").toString()).contains("\"id\":\"P60\",\"displayName\":\"Eli\",\"role\":\"participant\","
                + "\"messages\":1,\"reactions\":0,\"attendanceMinutes\":");
        assertThat(stats.get("timeToComplete").get(2).toString()).isEqualTo("{\"upToMs\":2000,\"count\":1}");
        assertThat(stats.get("wordsPerMessage").get(0).get("averageWords").asDouble()).isEqualTo(3.0);

        Api.Reply ended = sam.post("/admin/therapy-sessions/now-1/end");
        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.get("status").asText()).isEqualTo("ended");
        assertThat(sam.get("/admin/therapy-sessions/now-1").get("status").asText()).isEqualTo("ended");
        assertThat(sam.get("/admin/now").get("sessions").toString()).doesNotContain("now-1");
        assertThat(sam.get("/admin/audit?since=x").get("field").asText()).isEqualTo("since");
        Api.Reply audit = sam.get("/admin/audit");
        assertThat(audit.get("entries").toString()).contains("\"actor\":\"S1\",\"action\":\"session.end\",\"target\":\"now-1\"");
        long first = sam.get("/admin/audit?since=0").get("entries").get(0).get("id").asLong();
        assertThat(sam.get("/admin/audit?since=" + first).get("entries").get(0).get("id").asLong()).isGreaterThan(first);
    }

    @Test
    void theAuditIsReadNewestFirstAPageAtATimeAndFollowedInIdOrderWithSince() {
        int more = Math.max(0, 105 - ascending().size());
        for (int i = 0; i < more; i++) {
            assertThat(put("/admin/users/PA" + i, "{\"role\":\"participant\",\"displayName\":\"Pa " + i + "\","
                    + "\"phone\":\"+1 650 555 " + (3000 + i) + "\",\"identifier\":\"Pa\"}").status()).isEqualTo(200);
        }
        List<Long> all = ascending();
        List<Long> newestFirst = new java.util.ArrayList<>(all);
        java.util.Collections.reverse(newestFirst);

        Api.Reply first = admin.get("/admin/audit", RunningAppAuth.ADMIN);
        assertThat(ids(first)).as("newest first, 100 by default").containsExactlyElementsOf(newestFirst.subList(0, 100));
        assertThat(first.get("nextBefore").asLong()).isEqualTo(newestFirst.get(99));
        Api.Reply two = admin.get("/admin/audit?limit=2&before=" + first.get("nextBefore").asLong(), RunningAppAuth.ADMIN);
        assertThat(ids(two)).containsExactlyElementsOf(newestFirst.subList(100, 102));

        List<Long> paged = new java.util.ArrayList<>();
        String next = "";
        for (int pages = 0; pages < 100; pages++) {
            Api.Reply page = admin.get("/admin/audit?limit=7" + next, RunningAppAuth.ADMIN);
            paged.addAll(ids(page));
            if (page.get("nextBefore").isNull()) {
                break;
            }
            next = "&before=" + page.get("nextBefore").asLong();
        }
        assertThat(paged).as("every entry once, newest first, the last page saying there is nothing older")
                .containsExactlyElementsOf(newestFirst);
        assertThat(ids(admin.get("/admin/audit?since=" + all.get(1) + "&limit=2", RunningAppAuth.ADMIN)))
                .containsExactlyElementsOf(all.subList(2, 4));

        for (String bad : List.of("limit=0", "limit=1001", "limit=ten", "limit=-1", "limit=99999999999999999999")) {
            Api.Reply reply = admin.get("/admin/audit?" + bad, RunningAppAuth.ADMIN);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.get("field").asText()).as(bad).isEqualTo("limit");
        }
        for (String bad : List.of("before=0", "before=x", "before=-3", "since=1&before=2")) {
            Api.Reply reply = admin.get("/admin/audit?" + bad, RunningAppAuth.ADMIN);
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.get("field").asText()).as(bad).isEqualTo("before");
        }
    }

    private static List<Long> ascending() {
        List<Long> ids = new java.util.ArrayList<>();
        for (;;) {
            Api.Reply page = admin.get("/admin/audit?since=" + (ids.isEmpty() ? 0 : ids.get(ids.size() - 1)), RunningAppAuth.ADMIN);
            List<Long> read = ids(page);
            ids.addAll(read);
            if (read.size() < 1000) {
                return ids;
            }
        }
    }

    private static List<Long> ids(Api.Reply reply) {
        List<Long> ids = new java.util.ArrayList<>();
        reply.get("entries").forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }
}
