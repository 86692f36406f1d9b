package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.therapychat.redcap.RedcapStub;

/**
 * The real app with {@code DIRECTORY=redcap} on loopback, against a loopback REDCap loaded with the
 * original's template: the first sync, managed records (409), the Data Entry Trigger (403 for a wrong
 * key; a completed survey lifting the entry gate), REDCap down, and someone leaving REDCap.
 */
class RedcapHttpTest {
    static final String DET_KEY = "det-key-0123456789abcdef";
    static final String METRICS = "metrics-token-0123456789";
    private RedcapStub redcap;
    private RunningApp app;
    private Api admin;

    @BeforeEach
    void start() {
        redcap = RedcapStub.template(Instant.now(), ZoneId.of("UTC"));
        app = new RunningApp(Map.of("DIRECTORY", "redcap", "REDCAP_API_URL", redcap.apiUrl().toString(),
                "REDCAP_API_TOKEN", RedcapStub.TOKEN, "REDCAP_DET_KEY", DET_KEY, "REDCAP_SYNC_SECONDS", "3600",
                "METRICS_TOKEN", METRICS, "LOGIN_STARTS_PER_IP_PER_HOUR", "1000"));
        admin = app.client();
        // the first sync with every survey link in (a busy machine may take a read or two more: they follow at once)
        waitFor("the first sync", () -> status(), RedcapHttpTest::synced);
    }

    /** A sync happened and none is pending (links still to ask for make the next one due at once). */
    static boolean synced(com.fasterxml.jackson.databind.JsonNode s) {
        return !s.get("lastSyncAt").isNull() && !s.get("nextAttemptAt").isNull()
                && Instant.parse(s.get("nextAttemptAt").asText()).isAfter(Instant.parse(s.get("lastSyncAt").asText()));
    }

    @AfterEach
    void stop() {
        app.close();
        redcap.close();
    }

    @Test
    void theFirstSyncBringsTheTemplatesPeopleAndSessionsMarkedAsManaged() {
        JsonNode users = bearer("/admin/users").get("users");
        assertThat(users).extracting(u -> u.get("id").asText()).containsExactly("2", "3", "9");
        assertThat(users).allSatisfy(u -> assertThat(u.get("managedBy").asText()).isEqualTo("redcap"));
        assertThat(users.get(2).get("role").asText()).isEqualTo("therapist");
        JsonNode sessions = bearer("/admin/therapy-sessions").get("therapy_sessions");
        assertThat(sessions).extracting(s -> s.get("id").asText()).containsExactlyInAnyOrder("TS1", "TS2");
        assertThat(sessions).allSatisfy(s -> assertThat(s.get("managedBy").asText()).isEqualTo("redcap"));
        JsonNode status = status();
        assertThat(status.get("configured").asBoolean()).isTrue();
        assertThat(status.get("counts").get("people").asInt()).isEqualTo(3);
        assertThat(status.get("counts").get("sessions").asInt()).isEqualTo(2);
        assertThat(status.get("failingSince").isNull()).isTrue();
        assertThat(audit()).anySatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo("redcap");
            assertThat(e.get("action").asText()).isEqualTo("directory.sync");
        });
    }

    @Test
    void adminWritesToManagedRecordsAnswer409ButNoticesAndEndingStayAllowed() {
        Api.Reply user = withToken("PUT", "/admin/users/2",
                "{\"role\":\"participant\",\"displayName\":\"X\",\"phone\":\"+16505550111\",\"identifier\":\"X\"}");
        assertThat(user.status()).isEqualTo(409);
        assertThat(user.get("error").asText()).isEqualTo("managed_by_redcap");
        assertThat(user.get("message").asText()).isEqualTo("User 2 is managed by REDCap: edit it there.");
        assertThat(withToken("PUT", "/admin/users/2", "{\"disabled\":true}").status()).isEqualTo(409);
        assertThat(withToken("PUT", "/admin/therapy-sessions/TS1",
                "{\"name\":\"X\",\"date\":\"" + Dates.hoursFromNow(48) + "\",\"members\":[]}").status()).isEqualTo(409);
        Api.Reply surveys = withToken("PUT", "/admin/therapy-sessions/TS1/assessments/2", "{\"assessments\":[]}");
        assertThat(surveys.status()).isEqualTo(409);
        assertThat(surveys.get("error").asText()).isEqualTo("managed_by_redcap");
        Api.Reply roster = admin.raw(HttpRequest.newBuilder(URI.create(admin.base() + "/admin/users/import"))
                .header("Authorization", "Bearer " + RunningApp.ADMIN_TOKEN).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("id,role,displayName,phone,identifier\n"
                        + "3,participant,Ben,+16505550102,Jones\n", StandardCharsets.UTF_8)));
        assertThat(roster.status()).isEqualTo(409);
        assertThat(roster.get("message").asText()).contains("3");
        // TherapyChat owns the chat: a notice is still ours to post
        assertThat(withToken("POST", "/admin/therapy-sessions/TS1/notices", "{\"body\":\"Starting soon\"}").status())
                .isEqualTo(201);
        // a user of our own is still ours to edit
        assertThat(withToken("PUT", "/admin/users/S1", "{\"role\":\"staff\",\"displayName\":\"Sam\","
                + "\"phone\":\"+16505550199\",\"identifier\":\"Coordinator\"}").status()).isEqualTo(200);
        assertThat(audit()).anySatisfy(e -> assertThat(e.get("outcome").asText()).isEqualTo("managed_by_redcap"));
    }

    @Test
    void aTriggerWithAWrongKeyIsRefusedAndAudited() {
        assertThat(det("wrong-key-0123456789abcd", "record=2").status()).isEqualTo(403);
        Api.Reply none = app.client().raw(HttpRequest.newBuilder(URI.create(admin.base() + "/redcap/det"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("record=2")));
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.get("error").asText()).isEqualTo("forbidden");
        assertThat(audit()).filteredOn(e -> e.get("action").asText().equals("admin.refused"))
                .extracting(e -> e.get("target").asText()).contains("POST /redcap/det");
        // a good key with no record names the field
        Api.Reply noRecord = det(DET_KEY, "instrument=gad7");
        assertThat(noRecord.status()).isEqualTo(400);
        assertThat(noRecord.get("field").asText()).isEqualTo("record");
    }

    @Test
    void aSurveyCompletedInRedcapLiftsTheEntryGateWithinSeconds() {
        Api ana = app.logIn("+1 650 555 0101", "Smith");
        Api.Reply gated = ana.post("/api/therapy-sessions/TS1/enter");
        assertThat(gated.status()).isEqualTo(403);
        assertThat(gated.get("error").asText()).isEqualTo("assessments_pending");
        assertThat(survey(ana, "TS1", "gad7").get("status").asText()).isEqualTo("incomplete");
        assertThat(survey(ana, "TS1", "gad7").get("url").asText()).startsWith("https://redcap.example.edu/surveys/");

        redcap.complete("2", "TS1", "gad7");
        long posted = System.nanoTime();
        Api.Reply det = det(DET_KEY, "redcap_url=https%3A%2F%2Fredcap.example.edu%2F&project_id=14&username="
                + "%5Bsurvey+respondent%5D&record=2&instrument=gad7&redcap_event_name=assessments_arm_2"
                + "&redcap_repeat_instance=1&gad7_complete=2");
        long answeredMs = (System.nanoTime() - posted) / 1_000_000;
        assertThat(det.status()).isEqualTo(200);
        waitFor("gad7 complete on Ana's list", () -> survey(ana, "TS1", "gad7"),
                s -> s.get("status").asText().equals("complete"));
        long visibleMs = (System.nanoTime() - posted) / 1_000_000;
        System.out.printf("DET answered in %d ms; the completed survey showed on the participant's list %d ms after "
                + "the post%n", answeredMs, visibleMs);
        assertThat(answeredMs).isLessThan(1_000);
        assertThat(visibleMs).isLessThan(5_000);
        assertThat(ana.post("/api/therapy-sessions/TS1/enter").status()).isEqualTo(200);
    }

    @Test
    void theTriggersPostedValuesAreNeverTrusted() {
        Api ben = app.logIn("+1 650 555 0102", "Jones");
        int exports = redcap.calls("record");
        assertThat(det(DET_KEY, "record=3&instrument=location&redcap_event_name=assessments_arm_2"
                + "&redcap_repeat_instance=1&location_complete=2").status()).isEqualTo(200);
        waitFor("the record re-read", () -> redcap.calls("record"), n -> n > exports);
        // the worker takes records in turn: once a later trigger's change shows, Ben's was applied
        redcap.complete("2", "TS1", "gad7");
        det(DET_KEY, "record=2");
        waitFor("Ana's later change", () -> bearer("/admin/therapy-sessions/TS1").get("assessments").get("2").get(1),
                a -> a.get("status").asText().equals("complete"));
        assertThat(survey(ben, "TS1", "location").get("status").asText()).isEqualTo("incomplete");
        assertThat(ben.post("/api/therapy-sessions/TS1/enter").get("error").asText()).isEqualTo("assessments_pending");
    }

    @Test
    void whileRedcapIsDownEverythingSyncedKeepsWorkingAndNothingIsDisabled() {
        Api ana = app.logIn("+1 650 555 0101", "Smith");
        redcap.fault(RedcapStub.Fault.DOWN);
        assertThat(withToken("POST", "/admin/redcap/sync", "").status()).isEqualTo(202);
        JsonNode failing = waitFor("the failure shown", this::status, s -> !s.get("failingSince").isNull());
        assertThat(failing.get("error").asText()).isEqualTo("REDCap answered HTTP 500");
        assertThat(failing.get("lastSyncAt").isNull()).isFalse();
        assertThat(bearer("/admin/users").get("users")).allSatisfy(u -> assertThat(u.get("disabled").asBoolean()).isFalse());
        assertThat(ana.get("/api/me").status()).isEqualTo(200);
        assertThat(app.logIn("+1 650 555 0102", "Jones").get("/api/therapy-sessions").status()).isEqualTo(200);
        assertThat(app.client().get("/healthz").status()).isEqualTo(200);
        String metrics = admin.get("/metrics", Map.of("Authorization", "Bearer " + METRICS)).text();
        assertThat(metrics).contains("therapychat_redcap_sync_failures_total")
                .contains("therapychat_redcap_sync_failing 1.0").contains("therapychat_redcap_sync_age_seconds")
                .contains("therapychat_redcap_api_calls_total");

        redcap.fault(RedcapStub.Fault.NONE);
        withToken("POST", "/admin/redcap/sync", "");
        waitFor("the recovery", this::status, s -> s.get("failingSince").isNull());
    }

    @Test
    void someoneGoneFromRedcapIsDisabledAndLeavesTheirSessions() {
        Api ben = app.logIn("+1 650 555 0102", "Jones");
        redcap.delete("3");
        withToken("POST", "/admin/redcap/sync", "");
        JsonNode benNow = waitFor("Ben disabled", () -> user("3"), u -> u.get("disabled").asBoolean());
        assertThat(benNow.get("managedBy").asText()).isEqualTo("redcap");
        assertThat(ben.get("/api/me").status()).isEqualTo(401);
        JsonNode ts1 = bearer("/admin/therapy-sessions/TS1");
        assertThat(ts1.get("members")).extracting(m -> m.get("id").asText()).containsExactly("9", "2");
        // an unchanged pull after that writes nothing: no new audit entry
        int entries = audit().size();
        String last = status().get("lastSyncAt").asText();
        withToken("POST", "/admin/redcap/sync", "");
        waitFor("the next sync", this::status, s -> !s.get("lastSyncAt").asText().equals(last));
        assertThat(status().get("lastChanges").asInt()).isZero();
        assertThat(audit()).hasSize(entries + 1); // the staff's "sync now" only
    }

    @Test
    void staffReadTheStatusAndAskForASyncWithTheirCookieUnderTheCsrfRules() {
        assertThat(withToken("PUT", "/admin/users/S1", "{\"role\":\"staff\",\"displayName\":\"Sam\","
                + "\"phone\":\"+16505550199\",\"identifier\":\"Coordinator\"}").status()).isEqualTo(200);
        Api sam = app.logIn("+1 650 555 0199", "Coordinator");
        assertThat(sam.get("/admin/redcap").get("configured").asBoolean()).isTrue();
        Api.Reply noHeader = sam.raw(HttpRequest.newBuilder(URI.create(admin.base() + "/admin/redcap/sync"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.get("error").asText()).isEqualTo("csrf");
        assertThat(sam.post("/admin/redcap/sync").status()).isEqualTo(202);
        assertThat(audit()).anySatisfy(e -> {
            assertThat(e.get("actor").asText()).isEqualTo("S1");
            assertThat(e.get("action").asText()).isEqualTo("directory.sync_requested");
        });
        Api ana = app.logIn("+1 650 555 0101", "Smith");
        assertThat(ana.get("/admin/redcap").status()).isEqualTo(403);
    }

    // ---- helpers ----------------------------------------------------------------------------

    private Api.Reply det(String key, String form) {
        return app.client().raw(HttpRequest.newBuilder(URI.create(admin.base() + "/redcap/det?key=" + key))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private JsonNode status() {
        return bearer("/admin/redcap");
    }

    private JsonNode user(String id) {
        return StreamSupport.stream(bearer("/admin/users").get("users").spliterator(), false)
                .filter(u -> u.get("id").asText().equals(id)).findFirst().orElseThrow();
    }

    private java.util.List<JsonNode> audit() {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        bearer("/admin/audit?since=0").get("entries").forEach(out::add);
        return out;
    }

    private JsonNode bearer(String path) {
        Api.Reply reply = admin.get(path, Map.of("Authorization", "Bearer " + RunningApp.ADMIN_TOKEN));
        assertThat(reply.status()).as(path + " " + reply.text()).isEqualTo(200);
        return reply.json();
    }

    private Api.Reply withToken(String method, String path, String body) {
        return admin.write(method, path, body, Map.of("Authorization", "Bearer " + RunningApp.ADMIN_TOKEN));
    }

    private static JsonNode survey(Api participant, String session, String name) {
        Api.Reply list = participant.get("/api/therapy-sessions");
        for (JsonNode s : list.get("therapy_sessions")) {
            if (s.get("id").asText().equals(session)) {
                for (JsonNode a : s.get("assessments")) {
                    if (a.get("name").asText().equals(name)) {
                        return a;
                    }
                }
            }
        }
        throw new AssertionError("no survey " + name + " in " + session + ": " + list.text());
    }

    /** Polls every 20 ms, for at most 20 s (a busy machine), until {@code done} holds. */
    private static <T> T waitFor(String what, java.util.function.Supplier<T> read, Predicate<T> done) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 20 s for " + what + "; last seen: " + value);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = read.get();
        }
        return value;
    }
}
