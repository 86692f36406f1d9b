package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What an attacker would try: guessing codes, enumerating users, fixing sessions, reading others' mail, mining logs. */
class AttacksTest {
    private static final String TS = "/api/therapy-sessions/demo-week-1";

    @Test
    void guessingCodesIsBoundedAtThreeTriesPerPhonePerHour() {
        try (RunningApp app = new RunningApp(Map.of("LOGIN_STARTS_PER_IP_PER_HOUR", "1000", "OTP_RESEND_SECONDS", "1"))) {
            int guesses = 0;
            for (int attempt = 0; attempt < 10; attempt++) {
                AppProcess.sleep(1100);
                Api attacker = app.client();
                Api.Reply started = attacker.post("/api/login/start", "{\"phone\":\"+1 650 555 0101\",\"identifier\":\"Smith\"}");
                if (started.status() == 429) {
                    continue;
                }
                Api.Reply guess = attacker.post("/api/login/verify", "{\"code\":\"000000\"}");
                assertThat(guess.status()).isIn(200, 401);
                if (guess.status() == 401) {
                    guesses++;
                }
                assertThat(attacker.post("/api/login/verify", "{\"code\":\"000001\"}").status())
                        .as("a wrong code voids the login: no second guess on it").isEqualTo(401);
            }
            System.out.printf("OTP guessing: %d guesses allowed in 10 attempts on one phone%n", guesses);
            assertThat(guesses).isEqualTo(3);
        }
    }

    @Test
    void knownAndUnknownPhonesLookAndTakeTheSame() {
        int tries = 200;
        try (RunningApp app = new RunningApp(Map.of("LOGIN_STARTS_PER_IP_PER_HOUR", "100000"))) {
            Api admin = app.client();
            for (int i = 0; i < tries + 50; i++) {
                admin.write("PUT", "/admin/users/E" + i, "{\"role\":\"participant\",\"displayName\":\"E" + i
                        + "\",\"phone\":\"+1 650 556 " + (1000 + i) + "\",\"identifier\":\"Known\"}", RunningAppAuth.ADMIN);
            }
            List<Long> known = new ArrayList<>();
            List<Long> unknown = new ArrayList<>();
            String knownBody = null;
            for (int i = 0; i < tries + 50; i++) {
                Api.Reply k = timed(app, "+1 650 556 " + (1000 + i), known, i >= 50);
                Api.Reply u = timed(app, "+1 650 557 " + (1000 + i), unknown, i >= 50);
                assertThat(u.status()).isEqualTo(k.status()).isEqualTo(202);
                assertThat(u.text()).isEqualTo(k.text());
                knownBody = k.text();
            }
            double knownMedian = median(known) / 1e6;
            double unknownMedian = median(unknown) / 1e6;
            System.out.printf("enumeration: %d tries each, median known %.3f ms, unknown %.3f ms, body %s%n",
                    tries, knownMedian, unknownMedian, knownBody);
            assertThat(Math.abs(knownMedian - unknownMedian)).isLessThan(5.0);
        }
    }

    private static Api.Reply timed(RunningApp app, String phone, List<Long> into, boolean record) {
        Api client = app.client();
        long start = System.nanoTime();
        Api.Reply reply = client.post("/api/login/start", "{\"phone\":\"" + phone + "\",\"identifier\":\"Known\"}");
        long took = System.nanoTime() - start;
        if (record) {
            into.add(took);
        }
        return reply;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void aSessionIdPlantedBeforeLoginIsNeverTheOneIssued() throws Exception {
        try (RunningApp app = RunningApp.relaxed()) {
            CookieManager victimsBrowser = new CookieManager();
            String planted = "A".repeat(43);
            HttpCookie cookie = new HttpCookie("tc_session", planted);
            cookie.setPath("/");
            cookie.setVersion(0);
            victimsBrowser.getCookieStore().add(URI.create("http://127.0.0.1:" + app.port() + "/"), cookie);
            Api victim = new Api(app.port(), victimsBrowser);
            app.start(victim, "+1 650 555 0101", "Smith");
            Api.Reply verified = victim.post("/api/login/verify", "{\"code\":\"" + app.codeFor("+16505550101") + "\"}");
            String issued = verified.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("tc_session="))
                    .findFirst().orElseThrow().split(";")[0].substring("tc_session=".length());
            assertThat(issued).isNotEqualTo(planted);
            assertThat(app.client().get("/api/me", Map.of("Cookie", "tc_session=" + planted)).status()).isEqualTo(401);
            assertThat(app.client().get("/api/me", Map.of("Cookie", "tc_session=" + issued)).status()).isEqualTo(200);
        }
    }

    @Test
    void aPrivateMessageReachesNoOtherParticipantThroughAnyEndpoint() {
        try (RunningApp app = RunningApp.relaxed()) {
            Api admin = app.client();
            admin.write("PUT", "/admin/users/P3", "{\"role\":\"participant\",\"displayName\":\"Carol\","
                    + "\"phone\":\"+1 650 555 0103\",\"identifier\":\"Lopez\"}", RunningAppAuth.ADMIN);
            admin.write("PUT", "/admin/therapy-sessions/demo-week-1", "{\"name\":\"Demo\",\"date\":\"" + Dates.hoursFromNow(3) + "\","
                    + "\"members\":[\"T1\",\"P1\",\"P2\",\"P3\"]}", RunningAppAuth.ADMIN);
            Api ana = app.logIn("+1 650 555 0101", "Smith");
            Api carol = app.logIn("+1 650 555 0103", "Lopez");
            ana.post(TS + "/enter");
            carol.post(TS + "/enter");
            String secret = "only-for-ben-7f3a";
            long id = ana.post(TS + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"s-1\",\"type\":\"message\","
                    + "\"recipients\":[\"P2\"],\"body\":\"" + secret + "\"}]}").get("accepted").get(0).get("id").asLong();
            List<Api.Reply> everything = List.of(
                    carol.post(TS + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[]}"),
                    carol.get(TS + "/actions?since=0"),
                    carol.get(TS + "/actions?since=" + (id - 1)),
                    carol.get(TS),
                    carol.get("/api/therapy-sessions"),
                    carol.get("/api/me"),
                    carol.get(TS + "/assessments"),
                    carol.get("/admin/therapy-sessions/demo-week-1/export"),
                    carol.get("/admin/therapy-sessions/demo-week-1/export?format=csv"),
                    carol.post(TS + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"s-2\",\"type\":\"reaction\","
                            + "\"icon\":\"heart\",\"target\":" + id + "}]}"),
                    carol.post(TS + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"s-3\",\"type\":\"message\","
                            + "\"body\":\"reply\",\"target\":" + id + "}]}"));
            for (Api.Reply reply : everything) {
                assertThat(reply.text()).doesNotContain(secret);
            }
        }
    }

    @Test
    void logsNeverHoldCodesBodiesOrSessionIds() {
        try (LogCapture captured = LogCapture.everything(); RunningApp app = RunningApp.relaxed()) {
            Api ana = app.client();
            app.start(ana, "+1 650 555 0101", "Smith");
            String code = app.codeFor("+16505550101");
            Api.Reply verified = ana.post("/api/login/verify", "{\"code\":\"" + code + "\"}");
            String token = verified.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("tc_session="))
                    .findFirst().orElseThrow().split(";")[0].substring("tc_session=".length());
            ana.post(TS + "/enter");
            String body = "my-diary-entry-5d1c";
            ana.post(TS + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"l-1\",\"type\":\"message\","
                    + "\"body\":\"" + body + "\"}]}");
            ana.post("/api/login/verify", "{\"code\":\"999999\"}");
            Pattern codeAlone = Pattern.compile("(?<![0-9])" + code + "(?![0-9]|us)");
            assertThat(captured.events()).isNotEmpty();
            for (ILoggingEvent event : captured.events()) {
                String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : event.getThrowableProxy().getMessage());
                assertThat(codeAlone.matcher(line).find()).as(line).isFalse();
                assertThat(line).doesNotContain(body).doesNotContain(token).doesNotContain("+16505550101");
            }
            System.out.printf("logs: %d lines checked for codes, bodies, session ids and phone numbers%n",
                    captured.events().size());
        }
    }
}
