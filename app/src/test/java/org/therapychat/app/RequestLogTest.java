package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A line per request, except answered polls and probes, which are summed up (here: on stop). */
class RequestLogTest {
    private static final String TS = "/api/therapy-sessions/demo-week-1";

    @Test
    void answeredPollsAndProbesAreSummedUpWhileEverythingElseGetsItsOwnLine() {
        LogCapture captured = new LogCapture("therapychat.http");
        try (captured; RunningApp app = RunningApp.relaxed()) {
            Api ana = app.logIn("+1 650 555 0101", "Smith");
            ana.post(TS + "/enter");
            for (int i = 0; i < 5; i++) {
                assertThat(ana.post(TS + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[]}").status()).isEqualTo(200);
                assertThat(ana.get("/livez").status()).isEqualTo(200);
            }
            assertThat(app.client().post(TS + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[]}").status()).isEqualTo(401);
            assertThat(captured.messages()).noneMatch(l -> l.startsWith("POST /api/therapy-sessions/:tsId/actions/sync 200"))
                    .noneMatch(l -> l.startsWith("GET /livez"))
                    .anyMatch(l -> l.startsWith("POST /api/therapy-sessions/:tsId/actions/sync 401"))
                    .anyMatch(l -> l.startsWith("POST /api/therapy-sessions/:tsId/enter 200"));
        }
        assertThat(captured.messages()).anyMatch(l -> l.startsWith("polls answered in the last 60 s: 5 ("))
                .anyMatch(l -> l.startsWith("health probes answered in the last 60 s: 5 ("));
    }
}
