package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.therapychat.persistence.Database;

/**
 * Issue 13.5: only a request that fails parsing or validation is the client's fault (400). Stored
 * data the server cannot read is its own failure: a logged 500 whose answer names no internals.
 */
class UnreadableDataTest {
    @Test
    void aStoredRowThatFailsToParseAnswers500WithAGenericMessage() {
        LogCapture errors = new LogCapture("org.therapychat.web");
        try (errors; RunningApp app = RunningApp.relaxed()) {
            Api admin = app.client();
            java.util.Map<String, String> bearer = java.util.Map.of("Authorization", "Bearer " + RunningApp.ADMIN_TOKEN);
            assertThat(admin.write("PUT", "/admin/therapy-sessions/broken-week", "{\"name\":\"Broken\","
                    + "\"date\":\"" + Dates.hoursFromNow(2) + "\",\"members\":[\"P1\",\"T1\"]}", bearer).status()).isEqualTo(200);
            Database db = app.app.injector().getInstance(Database.class);
            int updated = db.read(dsl -> dsl.execute("UPDATE therapy_sessions SET status = 'bogus' WHERE id = 'broken-week'"));
            assertThat(updated).isEqualTo(1);
            // as if another instance had written it: every cache drops what it kept of the session
            app.app.injector().getInstance(org.therapychat.core.common.ChangeFeed.class)
                    .publish(org.therapychat.core.common.ChangeFeed.Topic.THERAPY_SESSION, "broken-week");

            Api ana = app.logIn("+1 650 555 0101", "Smith");
            Api.Reply reply = ana.get("/api/therapy-sessions/broken-week");
            assertThat(reply.status()).as(reply.text()).isEqualTo(500);
            assertThat(reply.get("error").asText()).isEqualTo("internal_error");
            assertThat(reply.get("message").asText()).isEqualTo("Something went wrong on our side.");
            assertThat(reply.text()).doesNotContainIgnoringCase("bogus").doesNotContain("org.", "java.", "Exception");
            assertThat(ana.get("/api/me").status()).as("the server keeps answering").isEqualTo(200);
        }
        assertThat(errors.messages()).anyMatch(line -> line.startsWith("unexpected failure on GET /api/therapy-sessions/:tsId"));
    }

    @Test
    void escapesThatAreNotUtf8AreTheClientsFault() {
        try (RunningApp app = RunningApp.relaxed()) {
            Api ana = app.logIn("+1 650 555 0101", "Smith");
            for (String path : java.util.List.of("/api/therapy-sessions/%ff%fe/actions/sync",
                    "/api/therapy-sessions/demo-week-1/admit/%c3%28", "/api/therapy-sessions/demo-week-1/actions?since=%ff")) {
                Api.Reply reply = path.contains("?") ? ana.get(path) : ana.post(path, "{\"maxID\":0,\"actionQueue\":[]}");
                assertThat(reply.status()).as(path + " " + reply.text()).isBetween(400, 499);
                assertThat(reply.json()).as(path).isNotNull();
            }
        }
    }
}
