package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.therapychat.sms.TwilioStub;
import org.therapychat.sms.TwilioStub.Reply;

/**
 * The whole app with {@code SMS_PROVIDER=twilio} against the loopback Twilio stub: a login code
 * arrives through the Messages API, and the SMS counters of {@code /metrics} count what Twilio did.
 */
class TwilioLoginHttpTest {
    private static final String METRICS = "metrics-token-0123456789";
    private static TwilioStub twilio;
    private static RunningApp app;

    @BeforeAll
    static void start() throws IOException {
        twilio = new TwilioStub();
        app = new RunningApp(Map.of("SMS_PROVIDER", "twilio", "TWILIO_API_URL", twilio.apiUrl().toString(),
                "TWILIO_ACCOUNT_SID", TwilioStub.ACCOUNT_SID, "TWILIO_AUTH_TOKEN", TwilioStub.AUTH_TOKEN,
                "TWILIO_FROM", "+18005550100", "METRICS_TOKEN", METRICS, "LOGIN_STARTS_PER_IP_PER_HOUR", "100000"));
    }

    @AfterAll
    static void stop() {
        app.close();
        twilio.close();
    }

    @Test
    void aParticipantLogsInWithTheCodeTwilioCarried() throws InterruptedException {
        Api api = app.client();
        assertThat(app.start(api, DemoData.ANA_PHONE, "Smith").status()).isEqualTo(202);
        String body = twilio.awaitBodyTo("+16505550101", Duration.ofSeconds(10)).orElseThrow();
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(body);
        assertThat(code.find()).as(body).isTrue();
        assertThat(twilio.requests().get(0).form()).containsEntry("From", "+18005550100");
        assertThat(api.post("/api/login/verify", "{\"code\":\"" + code.group(1) + "\"}").status()).isEqualTo(200);
        assertThat(counter("sent")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aNumberTwilioRefusesIsCountedAsFailed() throws InterruptedException {
        twilio.willReply(Reply.invalidTo());
        double before = counter("failed");
        assertThat(app.start(app.client(), DemoData.BEN_PHONE, "Jones").status()).isEqualTo(202);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (counter("failed") == before && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(counter("failed")).isEqualTo(before + 1);
        assertThat(twilio.bodiesTo("+16505550102")).hasSize(1);
    }

    private static double counter(String outcome) {
        String text = app.client().get("/metrics", Map.of("Authorization", "Bearer " + METRICS)).text();
        Matcher m = Pattern.compile("(?m)^therapychat_sms_total\\{outcome=\"" + outcome + "\"} ([0-9.eE+-]+)$")
                .matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
