package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC §5: GET /metrics in Prometheus's text format, behind METRICS_TOKEN. */
class MetricsHttpTest {
    private static final String TOKEN = "metrics-token-0123456789";
    private static final String SESSION = "/api/therapy-sessions/demo-week-1";
    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = new RunningApp(Map.of("METRICS_TOKEN", TOKEN, "LOGIN_STARTS_PER_IP_PER_HOUR", "100000",
                "OTP_RESEND_SECONDS", "1", "OTP_MAX_SENDS_PER_HOUR", "100000"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Api.Reply scrape(String authorization) {
        return app.client().get("/metrics", authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }

    @Test
    void withoutTheRightTokenTheMetricsAreRefused() {
        Api.Reply none = scrape(null);
        Api.Reply wrong = scrape("Bearer metrics-token-0123456788");
        assertThat(none.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.get("error").asText()).isEqualTo("unauthenticated");
        assertThat(wrong.text()).doesNotContain("jvm_");
    }

    @Test
    void withoutAMetricsTokenThereIsNoMetricsEndpoint() {
        try (RunningApp plain = new RunningApp()) {
            Api.Reply reply = plain.client().get("/metrics", Map.of("Authorization", "Bearer " + TOKEN));
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.get("error").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void requestsLoginsPollsAndAppendsAreCountedPerRouteTemplate() {
        Api ana = app.logIn("+1 650 555 0101", "Smith");
        assertThat(ana.post(SESSION + "/enter").status()).isEqualTo(200);
        Api.Reply sent = ana.post(SESSION + "/actions/sync",
                "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"m-1\",\"type\":\"message\",\"recipients\":[],\"body\":\"Hi\"}]}");
        long maxId = sent.get("maxID").asLong();
        AppProcess.sleep(300); // the heads snapshot refreshes every 100 ms
        for (int i = 0; i < 5; i++) {
            assertThat(ana.post(SESSION + "/actions/sync", "{\"maxID\":" + maxId + ",\"actionQueue\":[]}").status())
                    .isEqualTo(200);
        }
        app.client().get("/no/such/path/12345");

        Api.Reply metrics = scrape("Bearer " + TOKEN);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        String text = metrics.text();
        assertThat(value(text, "http_server_requests_seconds_count{method=\"POST\",status=\"200\","
                + "uri=\"/api/therapy-sessions/:tsId/actions/sync\"}")).isGreaterThanOrEqualTo(6);
        assertThat(text).contains("http_server_requests_seconds_bucket{method=\"POST\",status=\"200\","
                + "uri=\"/api/therapy-sessions/:tsId/actions/sync\",le=\"0.005\"}");
        assertThat(text).contains("uri=\"unmatched\"").doesNotContain("12345").doesNotContain("demo-week-1");
        assertThat(value(text, "therapychat_log_reads_total{answered=\"memory\"}")).isGreaterThanOrEqualTo(4);
        assertThat(value(text, "therapychat_log_reads_total{answered=\"database\"}")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "therapychat_actions_appended_total")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "therapychat_logins_started_total")).isGreaterThanOrEqualTo(1);
        assertThat(value(text, "therapychat_logins_verified_total")).isGreaterThanOrEqualTo(1);
        assertThat(text).contains("therapychat_logins_refused_total{reason=\"too_many_codes\"}",
                "therapychat_sms_total{outcome=\"sent\"}", "therapychat_sms_total{outcome=\"failed\"}",
                "therapychat_sms_total{outcome=\"dropped\"}", "therapychat_live_sockets ",
                "hikaricp_connections_active", "jvm_memory_used_bytes", "jvm_gc_", "process_cpu_usage",
                "process_files_open_files", "jvm_threads_live_threads");
        assertThat(value(text, "therapychat_sms_total{outcome=\"sent\"}")).isGreaterThanOrEqualTo(1);
    }

    /**
     * Issue 21 B.9: a label is a route template or a fixed word. Anonymous calls that no route answers
     * (refused by a filter before routing, or matching nothing) must not spend the series budget on
     * labels they choose, after which real routes would count as {@code other}.
     */
    @Test
    void refusedAndUnmatchedCallsCannotChooseLabels() {
        try (RunningApp own = new RunningApp(Map.of("METRICS_TOKEN", TOKEN))) {
            Api anonymous = own.client();
            long started = System.nanoTime();
            for (int i = 0; i < 320; i++) {
                assertThat(anonymous.get("/admin/attacker-label-" + i).status()).isEqualTo(401);
                assertThat(anonymous.post("/attacker-post-" + i, "{}").status()).isEqualTo(404);
                assertThat(CsrfMatrixTest.send(own.port(), "POST", "/attacker-csrf-" + i, Map.of(), ""))
                        .startsWith("HTTP/1.1 403");
                assertThat(anonymous.get("/api//attacker-path-" + i).status()).isEqualTo(400);
            }
            System.out.printf("label flood: 1,280 refused or unmatched calls in %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
            Api ana = own.logIn("+1 650 555 0101", "Smith");
            assertThat(ana.get("/api/me").status()).isEqualTo(200);

            String text = own.client().get("/metrics", Map.of("Authorization", "Bearer " + TOKEN)).text();
            assertThat(text).doesNotContain("attacker").doesNotContain("uri=\"other\"");
            assertThat(value(text, "http_server_requests_seconds_count{method=\"GET\",status=\"200\",uri=\"/api/me\"}"))
                    .isEqualTo(1);
            assertThat(value(text, "http_server_requests_seconds_count{method=\"GET\",status=\"401\",uri=\"refused\"}"))
                    .isEqualTo(320);
            assertThat(value(text, "http_server_requests_seconds_count{method=\"POST\",status=\"404\",uri=\"unmatched\"}"))
                    .isEqualTo(320);
            long series = text.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{")).count();
            System.out.printf("request series after the flood: %d%n", series);
            assertThat(series).isLessThan(20);
        }
    }

    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(text);
        assertThat(m.find()).as("series %s in%n%s", series, text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
