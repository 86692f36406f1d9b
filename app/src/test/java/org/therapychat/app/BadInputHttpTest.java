package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad bodies, the CSRF guard and the security headers: always a JSON 4xx, never a 5xx. */
class BadInputHttpTest {
    private static final String TS = "/api/therapy-sessions/demo-week-1";
    private static RunningApp app;
    private static Api ana;

    @BeforeAll
    static void start() {
        app = RunningApp.relaxed();
        ana = app.logIn("+1 650 555 0101", "Smith");
        ana.post(TS + "/enter");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static void assertBadField(Api.Reply reply, String field) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.get("error").asText()).isEqualTo("validation_failed");
        assertThat(reply.get("field").asText()).isEqualTo(field);
        assertThat(reply.get("message").asText()).isNotBlank();
    }

    @Test
    void malformedJsonUnknownFieldsAndWrongTypesNameTheField() {
        assertBadField(app.client().post("/api/login/start", "{\"phone\":"), "body");
        assertBadField(app.client().post("/api/login/start", ""), "body");
        assertBadField(app.client().post("/api/login/start", "[1,2]"), "body");
        assertBadField(app.client().post("/api/login/start", "{\"phone\":\"+16505550101\",\"identifier\":\"x\",\"admin\":true}"), "admin");
        assertBadField(app.client().post("/api/login/start", "{\"phone\":16505550101,\"identifier\":\"x\"}"), "phone");
        assertBadField(app.client().post("/api/login/start", "{\"phone\":\"not a phone\",\"identifier\":\"x\"}"), "phone");
        assertBadField(app.client().post("/api/login/start", "{\"phone\":\"+16505550101\"}"), "identifier");
        assertBadField(ana.post(TS + "/actions/sync", "{\"maxID\":\"abc\",\"actionQueue\":[]}"), "maxID");
        assertBadField(ana.post(TS + "/actions/sync", "{\"maxID\":-5,\"actionQueue\":[]}"), "maxID");
        assertBadField(ana.post(TS + "/actions/sync", "{\"maxID\":1e400,\"actionQueue\":[]}"), "maxID");
        assertBadField(ana.post(TS + "/actions/sync", "{\"maxID\":0,\"actionQueue\":{}}"), "actionQueue");
        assertBadField(ana.get(TS + "/actions?since=-1"), "since");
        assertBadField(ana.get("/api/therapy-sessions/bad%20id"), "tsId");
    }

    /** Issue 21 B10: a NUL was kept on H2 and answered 503 on PostgreSQL; controls and bidi overrides showed. */
    @Test
    void controlAndBidiOverrideCharactersInNamesAreRefusedNamingTheField() {
        Map<String, String> admin = RunningAppAuth.ADMIN;
        Api api = app.client();
        String user = "{\"role\":\"participant\",\"phone\":\"+1 650 555 0188\",";
        assertBadField(api.write("PUT", "/admin/users/P88", user + "\"displayName\":\"Ana\\u0000\",\"identifier\":\"Cole\"}",
                admin), "displayName");
        assertBadField(api.write("PUT", "/admin/users/P88", user + "\"displayName\":\"Ana\",\"identifier\":\"Co\\u202ele\"}",
                admin), "identifier");
        String session = "{\"date\":\"" + Dates.hoursFromNow(2) + "\",\"members\":[],";
        assertBadField(api.write("PUT", "/admin/therapy-sessions/w88", session + "\"name\":\"Week\\u0007\"}", admin), "name");
        assertBadField(api.write("PUT", "/admin/therapy-sessions/w88", session + "\"name\":\"Week\",\"topic\":\"\\u2066x\"}",
                admin), "topic");
        assertBadField(api.write("PUT", "/admin/therapy-sessions/demo-week-1/assessments/P1",
                "{\"assessments\":[{\"name\":\"pre\\u0085\",\"status\":\"complete\"}]}", admin), "name");
        assertBadField(api.post("/api/login/start", "{\"phone\":\"+16505550101\",\"identifier\":\"Smith\\u0000\"}"),
                "identifier");
        Api.Reply roster = AuthorizationMatrixTest.csv(api,
                "id,role,displayName,phone,identifier\nP88,participant,Ana\u0000,+16505550188,Cole\n", admin);
        assertBadField(roster, "body");
        assertThat(roster.get("rows").toString()).contains("\"line\":2,\"field\":\"displayName\"");
    }

    @Test
    void aQueueOfMoreThanAHundredActionsIsRefused() {
        StringBuilder queue = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            queue.append(i == 0 ? "" : ",").append("{\"clientId\":\"q-").append(i).append("\",\"type\":\"message\",\"body\":\"x\"}");
        }
        assertBadField(ana.post(TS + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[" + queue + "]}"), "actionQueue");
    }

    @Test
    void aBodyOverOneMebibyteIs413() {
        String huge = "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"h\",\"type\":\"message\",\"body\":\""
                + "x".repeat(1_100_000) + "\"}]}";
        Api.Reply reply = ana.post(TS + "/actions/sync", huge);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.get("error").asText()).isEqualTo("body_too_large");
        Api.Reply chunked = ana.raw(HttpRequest.newBuilder(URI.create(ana.base() + TS + "/actions/sync"))
                .header("X-Requested-With", "TherapyChat").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        "{\"maxID\":0}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        assertThat(chunked.status()).isEqualTo(411);
        assertThat(ana.get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void writesWithoutTheCustomHeaderOrFromAnotherOriginAreRefused() {
        HttpRequest.Builder noHeader = HttpRequest.newBuilder(URI.create(ana.base() + TS + "/leave"))
                .POST(HttpRequest.BodyPublishers.noBody());
        Api.Reply refused = ana.raw(noHeader);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.get("error").asText()).isEqualTo("csrf");
        Api.Reply crossOrigin = ana.write("POST", TS + "/leave", "", Map.of("Origin", "https://evil.example"));
        assertThat(crossOrigin.status()).isEqualTo(403);
        Api.Reply sameOrigin = ana.write("POST", TS + "/enter", "", Map.of("Origin", ana.base()));
        assertThat(sameOrigin.status()).isEqualTo(200);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        for (Api.Reply reply : new Api.Reply[] {ana.get("/api/me"), app.client().get("/api/me"), app.client().get("/nope")}) {
            assertThat(reply.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(reply.json()).isNotNull();
        }
    }

    @Test
    void theClientsFilesAreServedFromMemoryWithTypesAndRevalidation() {
        Api.Reply page = app.client().get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("<script type=\"module\"");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(app.client().get("/index.html").text()).isEqualTo(page.text());
        Api.Reply script = app.client().get("/js/api.js");
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(app.client().get("/style.css").header("Content-Type")).startsWith("text/css");
        String etag = script.header("ETag");
        assertThat(script.header("Cache-Control")).isEqualTo("no-cache");
        Api.Reply unchanged = app.client().get("/js/api.js", Map.of("If-None-Match", etag));
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.text()).isEmpty();
        assertThat(app.client().get("/js/api.js", Map.of("If-None-Match", "\"stale\"")).status()).isEqualTo(200);
        assertThat(app.client().get("/js/missing.js").status()).isEqualTo(404);
        assertThat(app.client().get("/../pom.xml").status()).isIn(400, 404);
    }

    @Test
    void unknownPathsAreJson404s() {
        Api.Reply reply = app.client().get("/api/nothing-here");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void healthzAnswersWhenTheDatabaseDoes() {
        Api.Reply reply = app.client().get("/healthz");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.get("status").asText()).isEqualTo("ok");
    }

    @Test
    void cookiesAreSecureUnlessConfiguredOff() {
        try (RunningApp secure = new RunningApp(Map.of("COOKIE_SECURE", "true"))) {
            Api.Reply started = secure.client().post("/api/login/start", "{\"phone\":\"+1 650 555 0101\",\"identifier\":\"Smith\"}");
            assertThat(started.header("Set-Cookie")).contains("Secure", "HttpOnly", "SameSite=Strict");
        }
    }

    /** Issue 21 B.12: with Secure cookies the app is served over TLS, and browsers are told to keep to it. */
    @Test
    void strictTransportSecurityWhenCookiesAreSecure() {
        try (RunningApp secure = new RunningApp(Map.of("COOKIE_SECURE", "true"))) {
            for (Api.Reply reply : List.of(secure.client().get("/livez"), secure.client().get("/"),
                    secure.client().get("/api/me"), secure.client().get("/nope"))) {
                assertThat(reply.header("Strict-Transport-Security")).isEqualTo("max-age=31536000");
            }
        }
        assertThat(app.client().get("/livez").header("Strict-Transport-Security")).as("plain-http development").isNull();
    }

    /** Issue 21 B.12: /healthz answers within the 2 s it promises, whatever the database does. */
    @Test
    void healthzAnswers503WithinTwoSecondsWhenTheDatabaseIsSilent() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger probes = new java.util.concurrent.atomic.AtomicInteger();
        com.google.inject.Module silent = binder -> binder.bind(org.therapychat.web.Health.class).toInstance(() -> {
            probes.incrementAndGet();
            try {
                return never.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        try (RunningApp stuck = new RunningApp(Map.of(), List.of(silent))) {
            java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(10);
            List<java.util.concurrent.Future<long[]>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(callers.submit(() -> {
                    long started = System.nanoTime();
                    int status = stuck.client().get("/healthz").status();
                    return new long[] {status, (System.nanoTime() - started) / 1_000_000};
                }));
            }
            long slowest = 0;
            for (java.util.concurrent.Future<long[]> answer : answers) {
                long[] got = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(got[0]).isEqualTo(503);
                slowest = Math.max(slowest, got[1]);
            }
            callers.shutdown();
            System.out.printf("silent database: 10 concurrent /healthz answered 503, slowest after %d ms, %d probe(s) run%n",
                    slowest, probes.get());
            assertThat(slowest).as("2 s bound plus scheduling slack on a shared machine").isLessThan(3_500);
            assertThat(probes.get()).as("concurrent callers share one probe in flight").isEqualTo(1);
            assertThat(stuck.client().get("/livez").status()).isEqualTo(200);
        } finally {
            never.countDown();
        }
    }
}
