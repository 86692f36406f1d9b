package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 12.5: what a client sends (path, headers, body) never starts a log line of its own. */
class LogInjectionTest {
    private static final String FORGED = "2026-11-25T00:00:00.000Z INFO  [main] therapychat.http - PUT /admin/users/:userId 200";

    @Test
    void controlCharactersInPathsHeadersAndBodiesAreEscapedInEveryLine() {
        LogCapture captured = new LogCapture("therapychat.http");
        LogCapture errors = new LogCapture("org.therapychat.web");
        try (captured; errors; RunningApp app = RunningApp.relaxed()) {
            int port = app.port();
            // Jetty refuses control characters in header values itself (400 before any handler); obs-text passes
            Map<String, String> headers = Map.of("X-Requested-With", "x\u0085y", "Content-Type", "application/json",
                    "User-Agent", "a\u2028b", "Origin", "http://127.0.0.1:" + port);
            assertThat(CsrfMatrixTest.send(port, "GET", "/livez", Map.of("User-Agent", "a\u001b[2J"), ""))
                    .startsWith("HTTP/1.1 400");
            for (String path : List.of("/x%0a" + FORGED.replace(" ", "%20"), "/x%0d%0a" + FORGED.replace(" ", "%20"),
                    "/x%1b%5b31m", "/api/therapy-sessions/a%0ab/actions/sync", "/admin/users/%0aP1",
                    "/x%e2%80%a8y", "/x%c2%85y")) {
                CsrfMatrixTest.send(port, "GET", path, headers, "");
                CsrfMatrixTest.send(port, "POST", path, headers, "{\"maxID\":\"\n" + FORGED + "\"}");
            }
            CsrfMatrixTest.send(port, "POST", "/api/login/start", headers,
                    "{\"phone\":\"+1 650\\n555 0101\\u001b\",\"identifier\":\"\\r\\n" + FORGED + "\"}");
        }
        List<String> lines = new java.util.ArrayList<>(captured.messages());
        lines.addAll(errors.messages());
        assertThat(lines).isNotEmpty().allSatisfy(line ->
                assertThat(line).doesNotContain("\n", "\r", "\u001b", "\u0085", "\u2028"));
        assertThat(captured.messages()).anyMatch(line -> line.contains("/x\\u000a2026-11-25"));
    }
}
