package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC §3 over HTTP: two participants and a therapist in the demo session. */
class ChatHttpTest {
    private static final String SESSION = "/api/therapy-sessions/demo-week-1";
    private static RunningApp app;
    private static Api ana;
    private static Api ben;
    private static Api lee;
    private static Api carol;

    @BeforeAll
    static void start() {
        app = RunningApp.relaxed();
        Api admin = app.client();
        admin.write("PUT", "/admin/users/P3", "{\"role\":\"participant\",\"displayName\":\"Carol\","
                + "\"phone\":\"+1 650 555 0103\",\"identifier\":\"Lopez\"}", RunningAppAuth.ADMIN);
        admin.write("PUT", "/admin/therapy-sessions/demo-week-1", "{\"name\":\"Demo: Week 1\",\"topic\":\"t\","
                + "\"date\":\"" + Dates.hoursFromNow(3) + "\",\"members\":[\"T1\",\"P1\",\"P2\",\"P3\"]}", RunningAppAuth.ADMIN);
        ana = enter(app.logIn("+1 650 555 0101", "Smith"));
        ben = enter(app.logIn("+1 650 555 0102", "Jones"));
        lee = enter(app.logIn("+1 650 555 0100", "Rivera"));
        carol = enter(app.logIn("+1 650 555 0103", "Lopez"));
    }

    private static Api enter(Api api) {
        assertThat(api.post(SESSION + "/enter").status()).isEqualTo(200);
        return api;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Api.Reply sync(Api who, long maxId, String queue) {
        return who.post(SESSION + "/actions/sync", "{\"maxID\":" + maxId + ",\"actionQueue\":[" + queue + "]}");
    }

    private static long send(Api who, String action) {
        Api.Reply reply = sync(who, 0, action);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.get("rejected")).isEmpty();
        return reply.get("accepted").get(0).get("id").asLong();
    }

    private static List<JsonNode> seen(Api who) {
        List<JsonNode> out = new ArrayList<>();
        who.get(SESSION + "/actions?since=0").get("actions").forEach(out::add);
        return out;
    }

    private static JsonNode seen(Api who, long id) {
        return seen(who).stream().filter(a -> a.get("id").asLong() == id).findFirst().orElse(null);
    }

    @Test
    void aSyncStoresTheQueueAndAnswersWhatIsNew() {
        Api.Reply reply = sync(ana, 0, "{\"clientId\":\"s-1\",\"client_ts\":\"2026-11-24T17:00:00.000Z\","
                + "\"type\":\"message\",\"recipients\":[],\"body\":\"<div>food</div>\",\"target\":null,"
                + "\"character_history\":[\"<\",\"d\"],\"time_to_complete\":\"671ms\",\"user\":\"P999\"}");
        assertThat(reply.status()).isEqualTo(200);
        long id = reply.get("accepted").get(0).get("id").asLong();
        assertThat(reply.get("maxID").asLong()).isGreaterThanOrEqualTo(id);
        assertThat(reply.get("serverTime").isNumber()).isTrue();
        JsonNode mine = seen(ben, id);
        assertThat(mine.get("user").asText()).isEqualTo("P1");
        assertThat(mine.get("body").asText()).isEqualTo("<div>food</div>");
        assertThat(mine.get("client_ts").asText()).isEqualTo("2026-11-24T17:00:00.000Z");
        assertThat(mine.has("character_history")).isFalse();
        assertThat(mine.has("time_to_complete")).isFalse();
        assertThat(mine.has("clientId")).isFalse();
    }

    @Test
    void aResentQueueGetsTheSameIds() {
        String action = "{\"clientId\":\"again-1\",\"type\":\"message\",\"body\":\"once\"}";
        long first = send(ana, action);
        assertThat(send(ana, action)).isEqualTo(first);
    }

    @Test
    void aPrivateMessageReachesOnlyItsRecipientsAndTheTherapist() {
        long id = send(ana, "{\"clientId\":\"p-1\",\"type\":\"message\",\"recipients\":[\"P2\"],\"body\":\"psst\"}");
        assertThat(seen(ben, id)).isNotNull();
        assertThat(seen(lee, id)).isNotNull();
        assertThat(seen(carol, id)).isNull();
        assertThat(sync(carol, 0, "").get("data").toString()).doesNotContain("psst");
    }

    @Test
    void aReplyToAPrivateMessageStaysPrivate() {
        long secret = send(ana, "{\"clientId\":\"pr-1\",\"type\":\"message\",\"recipients\":[\"P2\"],\"body\":\"only Ben\"}");
        long answer = send(ben, "{\"clientId\":\"pr-2\",\"type\":\"message\",\"recipients\":[],"
                + "\"body\":\"got it\",\"target\":" + secret + "}");
        assertThat(seen(carol, answer)).isNull();
        assertThat(sync(carol, 0, "").get("data").toString()).doesNotContain("got it");
        assertThat(seen(ana, answer).get("recipients").toString()).isEqualTo("[\"P1\"]");
        assertThat(seen(lee, answer)).isNotNull();
        Api.Reply widened = sync(ben, 0, "{\"clientId\":\"pr-3\",\"type\":\"message\",\"recipients\":[\"P3\"],"
                + "\"body\":\"Carol, look\",\"target\":" + secret + "}");
        assertThat(widened.get("rejected").get(0).get("field").asText()).isEqualTo("recipients");
        assertThat(seen(carol).toString()).doesNotContain("Carol, look");
    }

    @Test
    void theServerWorksOutMentionsAndIgnoresTheClients() {
        long id = send(ana, "{\"clientId\":\"mn-1\",\"type\":\"message\",\"body\":\"@dr. rivera, @Ben: thoughts?\","
                + "\"mentions\":[\"P3\"]}");
        assertThat(seen(carol, id).get("mentions").toString()).isEqualTo("[\"T1\",\"P2\"]");
        long secret = send(ana, "{\"clientId\":\"mn-2\",\"type\":\"message\",\"recipients\":[\"P2\"],"
                + "\"body\":\"@Ben only, not @Carol\"}");
        assertThat(seen(ben, secret).get("mentions").toString()).isEqualTo("[\"P2\"]");
        Api.Reply export = app.client().get("/admin/therapy-sessions/demo-week-1/export", RunningAppAuth.ADMIN);
        List<String> exported = new ArrayList<>();
        export.get("actions").forEach(a -> {
            if (a.get("id").asLong() == id || a.get("id").asLong() == secret) {
                exported.add(a.get("mentions").toString());
            }
        });
        assertThat(exported).containsExactly("[\"T1\",\"P2\"]", "[\"P2\"]");
    }

    @Test
    void repliesReactionsReadsAndDeletes() {
        long original = send(ben, "{\"clientId\":\"r-1\",\"type\":\"message\",\"body\":\"hello all\"}");
        long reply = send(ana, "{\"clientId\":\"r-2\",\"type\":\"message\",\"body\":\"hi Ben\",\"target\":\"" + original + "\"}");
        long heart = send(carol, "{\"clientId\":\"r-3\",\"type\":\"reaction\",\"icon\":\"heart\",\"target\":" + original + "}");
        assertThat(send(carol, "{\"clientId\":\"r-4\",\"type\":\"reaction\",\"icon\":\"heart\",\"target\":" + original + "}"))
                .isEqualTo(heart);
        send(ana, "{\"clientId\":\"r-5\",\"type\":\"message_read\",\"target\":" + original + "}");
        assertThat(seen(lee, reply).get("target").asLong()).isEqualTo(original);
        Api.Reply notMine = sync(ana, 0, "{\"clientId\":\"r-6\",\"type\":\"delete\",\"target\":" + original + "}");
        assertThat(notMine.get("rejected").get(0).get("field").asText()).isEqualTo("target");
        send(lee, "{\"clientId\":\"r-7\",\"type\":\"delete\",\"target\":" + original + "}");
        JsonNode deleted = seen(ana, original);
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(deleted.get("body").isNull()).isTrue();
    }

    @Test
    void serverOnlyTypesAndMalformedItemsAreRejectedOneByOne() {
        Api.Reply reply = sync(ana, 0, "{\"clientId\":\"m-1\",\"type\":\"notice\",\"body\":\"I am the system\"},"
                + "{\"clientId\":\"m-2\",\"type\":\"message\",\"body\":\"fine\"},"
                + "{\"clientId\":\"m-3\",\"type\":\"message\",\"body\":42},"
                + "{\"clientId\":\"m-4\",\"type\":\"message\",\"body\":\"x\",\"colour\":\"red\"},"
                + "{\"clientId\":\"m-5\",\"type\":\"reaction\",\"icon\":\"heart\",\"target\":{\"id\":1}}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.get("accepted")).hasSize(1);
        List<String> fields = new ArrayList<>();
        reply.get("rejected").forEach(r -> fields.add(r.get("clientId").asText() + ":" + r.get("field").asText()));
        assertThat(fields).containsExactly("m-1:type", "m-3:body", "m-4:colour", "m-5:target");
        assertThat(reply.get("rejected").get(0).get("error").asText()).isEqualTo("type_not_allowed");
    }

    @Test
    void saveActionsAndGetActionsKeepTheNotesShapes() {
        Api.Reply saved = ben.post(SESSION + "/actions", "{\"actions\":[{\"clientId\":\"sa-1\",\"type\":\"message\","
                + "\"body\":\"via saveActions\"}]}");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.get("result").asText()).isEqualTo("ok");
        long id = saved.get("accepted").get(0).get("id").asLong();
        Api.Reply got = ana.get(SESSION + "/actions?since=" + (id - 1));
        assertThat(got.get("result").asText()).isEqualTo("ok");
        assertThat(got.get("max_id").asLong()).isGreaterThanOrEqualTo(id);
        assertThat(got.get("server_time").isNumber()).isTrue();
        assertThat(got.get("actions").get(0).get("id").asLong()).isEqualTo(id);
    }

    @Test
    void aPollerThatPassesBackMaxIdSeesEachActionOnce() {
        long maxId = sync(carol, 0, "").get("maxID").asLong();
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            send(ana, "{\"clientId\":\"poll-" + i + "\",\"type\":\"message\",\"body\":\"n" + i + "\"}");
            Api.Reply poll = sync(carol, maxId, "");
            poll.get("data").forEach(a -> seen.add(a.get("id").asLong()));
            maxId = poll.get("maxID").asLong();
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(5).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void noticesCarryTheirKindAndNamesBesideTheEnglishText() {
        app.client().write("POST", "/admin/therapy-sessions/demo-week-1/notices", "{\"body\":\"Bring water.\"}",
                RunningAppAuth.ADMIN);
        List<JsonNode> notices = seen(ben).stream().filter(a -> a.get("type").asText().equals("notice")).toList();
        JsonNode anaJoined = notices.stream().filter(n -> n.get("body").asText().equals("Ana has joined the session"))
                .findFirst().orElseThrow();
        assertThat(anaJoined.get("notice_kind").asText()).isEqualTo("joined");
        assertThat(anaJoined.get("names").get("user").asText()).isEqualTo("P1");
        JsonNode typed = notices.stream().filter(n -> n.get("body").asText().equals("Bring water.")).findFirst().orElseThrow();
        assertThat(typed.get("notice_kind").asText()).isEqualTo("text");
        assertThat(typed.get("sender").asText()).as("existing fields stay").isEqualTo("system");
    }

    @Test
    void aSurveyCarriesItsDisplayLabelsToTheParticipant() {
        Api admin = app.client();
        Api.Reply put = admin.write("PUT", "/admin/therapy-sessions/demo-week-1/assessments/P3", "{\"assessments\":[{"
                + "\"name\":\"post-session_survey\",\"due\":\"post\",\"status\":\"incomplete\","
                + "\"url\":\"https://surveys.example/p\",\"label\":\"After the session\","
                + "\"labels\":{\"en\":\"How did it go?\",\"es\":\"¿Cómo le fue?\"}}]}", RunningAppAuth.ADMIN);
        assertThat(put.status()).isEqualTo(200);
        JsonNode survey = carol.get("/api/therapy-sessions").get("therapy_sessions").get(0).get("assessments").get(0);
        assertThat(survey.get("name").asText()).isEqualTo("post-session_survey");
        assertThat(survey.get("label").asText()).isEqualTo("After the session");
        assertThat(survey.get("labels").get("es").asText()).isEqualTo("¿Cómo le fue?");
        Api.Reply bad = admin.write("PUT", "/admin/therapy-sessions/demo-week-1/assessments/P3", "{\"assessments\":[{"
                + "\"name\":\"x\",\"status\":\"complete\",\"labels\":{\"es\":7}}]}", RunningAppAuth.ADMIN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.get("field").asText()).isEqualTo("labels");
    }

    @Test
    void theDetailShowsMembersWithPresence() {
        Api.Reply detail = ben.get(SESSION);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.get("name").asText()).isEqualTo("Demo: Week 1");
        assertThat(detail.get("members").toString()).contains("\"id\":\"P1\"", "\"present\":true");
    }

    /** SPEC §3.0: the note's handleActions example, byte for byte, is answered entry by entry. */
    @Test
    void theNotesOwnExampleIsAcceptedAsItStands() {
        String example = "{\"maxID\":1275,\"actionQueue\":[{\"type\":\"message\",\"user\":\"P123\","
                + "\"body\":\"<div>food</div>\",\"recipients\":[],\"target\":\"123\"}]}";
        JsonNode existing = seen(ana, 123);
        boolean targetIsAMessage = existing != null && existing.get("type").asText().equals("message")
                && !existing.get("deleted").asBoolean();
        Api.Reply verbatim = ana.post(SESSION + "/actions/sync", example);
        assertThat(verbatim.status()).isEqualTo(200);
        JsonNode answer = (targetIsAMessage ? verbatim.get("accepted") : verbatim.get("rejected")).get(0);
        assertThat(answer.get("index").asInt()).isZero();
        assertThat(answer.get("clientId").isNull()).isTrue();
        if (!targetIsAMessage) {
            assertThat(answer.get("field").asText()).isEqualTo("target");
            assertThat(verbatim.get("accepted")).isEmpty();
        }

        long original = send(ben, "{\"clientId\":\"ex-0\",\"type\":\"message\",\"body\":\"what is for lunch?\"}");
        String withRealTarget = example.replace("\"123\"", "\"" + original + "\"").replace("1275", "\"0\"")
                .replace("[{", "[{\"type\":\"message\",\"body\":\"no target\"},{");
        Api.Reply reply = ana.post(SESSION + "/actions/sync", withRealTarget);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.get("rejected")).isEmpty();
        assertThat(reply.get("accepted")).extracting(a -> a.get("index").asInt()).containsExactly(0, 1);
        JsonNode stored = seen(ben, reply.get("accepted").get(1).get("id").asLong());
        assertThat(stored.get("user").asText()).isEqualTo("P1");
        assertThat(stored.get("body").asText()).isEqualTo("<div>food</div>");
        assertThat(stored.get("target").asLong()).isEqualTo(original);
        assertThat(seen(ben, reply.get("accepted").get(0).get("id").asLong()).get("body").asText()).isEqualTo("no target");
    }
}
