package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC §1 end to end: a real server on loopback, codes read from the outbox. */
class LoginHttpTest {
    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.relaxed();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aParticipantLogsInWithTheCodeFromTheOutbox() {
        Api ana = app.client();
        Api.Reply started = app.start(ana, "(650) 555-0101", " SMITH ");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.text()).isEqualTo("{\"status\":\"code_sent\",\"resendAfterSeconds\":1,\"sentTo\":\"•••• •• 0101\"}");
        assertThat(started.header("Set-Cookie")).contains("tc_login=").contains("HttpOnly").contains("SameSite=Strict");
        Api.Reply verified = ana.post("/api/login/verify", "{\"code\":\"" + app.codeFor("+16505550101") + "\"}");
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.headers().allValues("Set-Cookie")).anySatisfy(c ->
                assertThat(c).startsWith("tc_session=").contains("HttpOnly", "SameSite=Strict", "Path=/"));
        Api.Reply me = ana.get("/api/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.get("user").get("id").asText()).isEqualTo("P1");
        assertThat(me.get("pollIntervalMs").asInt()).isEqualTo(5000);
    }

    @Test
    void anUnknownPhoneGetsTheSameAnswerAndNoSms() {
        int before = app.outboxLines();
        Api.Reply unknown = app.start(app.client(), "+1 650 555 0177", "Smith");
        Api.Reply wrongName = app.start(app.client(), "+1 650 555 0102", "Smith");
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.text()).isEqualTo("{\"status\":\"code_sent\",\"resendAfterSeconds\":1,\"sentTo\":\"•••• •• 0177\"}");
        assertThat(wrongName.text()).isEqualTo(unknown.text().replace("0177", "0102"));
        assertThat(app.outboxLines()).isEqualTo(before);
    }

    @Test
    void aWrongCodeVoidsTheLogin() {
        Api ben = app.client();
        app.start(ben, "+1 650 555 0102", "Jones");
        String right = app.codeFor("+16505550102");
        Api.Reply wrong = ben.post("/api/login/verify", "{\"code\":\"" + (right.equals("111111") ? "222222" : "111111") + "\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.get("error").asText()).isEqualTo("invalid_code");
        assertThat(wrong.get("restart").asBoolean()).isTrue();
        assertThat(ben.post("/api/login/verify", "{\"code\":\"" + right + "\"}").status()).isEqualTo(401);
        assertThat(ben.get("/api/me").status()).isEqualTo(401);
    }

    /** Issue 22: after a typo the start-over was refused for a minute as if it were a resend. */
    @Test
    void aWrongCodeSaysHowManyCodesAreLeftAndStartingOverIsNotHeldToTheMinute() {
        try (RunningApp strict = new RunningApp()) {
            Api ben = strict.client();
            assertThat(strict.start(ben, "+1 650 555 0102", "Jones").get("sentTo").asText()).isEqualTo("•••• •• 0102");
            String right = strict.codeFor("+16505550102");
            Api.Reply wrong = ben.post("/api/login/verify", "{\"code\":\"" + (right.equals("111111") ? "222222" : "111111") + "\"}");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.get("restart").asBoolean()).isTrue();
            assertThat(wrong.get("codesLeft").asInt()).isEqualTo(2);

            Api stranger = strict.client();
            strict.start(stranger, "+1 650 555 0102", "Smith");
            Api.Reply strangersWrong = stranger.post("/api/login/verify", "{\"code\":\"111111\"}");
            assertThat(strangersWrong.text()).as("alike for a pair that matches nobody").isEqualTo(wrong.text());

            int sent = strict.outboxLines();
            Api.Reply again = ben.post("/api/login/start", "{\"phone\":\"+1 650 555 0102\",\"identifier\":\"Jones\"}");
            assertThat(again.status()).as(again.text()).isEqualTo(202);
            for (long deadline = System.currentTimeMillis() + 5000; strict.outboxLines() == sent
                    && System.currentTimeMillis() < deadline; ) {
                AppProcess.sleep(20);
            }
            assertThat(ben.post("/api/login/verify", "{\"code\":\"" + strict.codeFor("+16505550102") + "\"}").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void aSecondCodeWithinAMinuteIsRefusedWithRetryAfter() {
        try (RunningApp strict = new RunningApp()) {
            Api client = strict.client();
            client.post("/api/login/start", "{\"phone\":\"+1 650 555 0166\",\"identifier\":\"Nobody\"}");
            assertRefused(client.post("/api/login/resend"));
            for (int i = 0; i < 9; i++) {
                strict.client().post("/api/login/start", "{\"phone\":\"+1 650 555 02" + (10 + i) + "\",\"identifier\":\"X\"}");
            }
            assertRefused(strict.client().post("/api/login/start", "{\"phone\":\"+1 650 555 0299\",\"identifier\":\"X\"}"));
        }
    }

    private static void assertRefused(Api.Reply resend) {
        assertThat(resend.status()).isEqualTo(429);
        assertThat(resend.get("error").asText()).isEqualTo("too_many_codes");
        assertThat(resend.get("retryAfterSeconds").asInt()).isBetween(1, 3600);
        assertThat(resend.header("Retry-After")).isEqualTo(resend.get("retryAfterSeconds").asText());
    }

    @Test
    void resendWithoutAPendingLoginAsksToStartOver() {
        Api.Reply resend = app.client().post("/api/login/resend");
        assertThat(resend.status()).isEqualTo(401);
    }

    @Test
    void logoutDestroysTheSession() {
        Api lee = app.logIn("+1 650 555 0100", "Rivera");
        assertThat(lee.post("/api/logout").status()).isEqualTo(200);
        assertThat(lee.get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void loggingInAgainInTheSameBrowserDestroysThePreviousSession() {
        Api browser = app.client();
        app.start(browser, "+1 650 555 0100", "Rivera");
        Api.Reply first = browser.post("/api/login/verify", "{\"code\":\"" + app.codeFor("+16505550100") + "\"}");
        String oldCookie = first.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("tc_session="))
                .findFirst().orElseThrow().split(";")[0];
        app.start(browser, "+1 650 555 0102", "Jones");
        Api.Reply second = browser.post("/api/login/verify", "{\"code\":\"" + app.codeFor("+16505550102") + "\"}");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(oldCookie));
        Api.Reply withOldCookie = app.client().get("/api/me", Map.of("Cookie", oldCookie));
        assertThat(withOldCookie.status()).isEqualTo(401);
        assertThat(browser.get("/api/me").get("user").get("id").asText()).isEqualTo("P2");
    }
}
