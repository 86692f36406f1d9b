package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.sms.TwilioSettings;

/** SPEC §6: {@code SMS_PROVIDER=twilio} starts only with a complete, consistent Twilio configuration. */
class TwilioConfigTest {
    private static final String SID = "AC" + "0123456789abcdef".repeat(2);
    private static final String TOKEN = "auth-token-never-shown-1234";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("SMS_PROVIDER", "twilio"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void aCompleteConfigurationIsRead() {
        Config config = Config.fromEnvironment(env("TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", TOKEN,
                "TWILIO_FROM", "+18005550100", "TWILIO_SEND_TIMEOUT_SECONDS", "9"));
        TwilioSettings twilio = config.twilio().orElseThrow();
        assertThat(config.smsProvider()).isEqualTo("twilio");
        assertThat(twilio.accountSid()).isEqualTo(SID);
        assertThat(twilio.authToken()).isEqualTo(TOKEN);
        assertThat(twilio.from()).contains("+18005550100");
        assertThat(twilio.messagingServiceSid()).isEmpty();
        assertThat(twilio.apiUrl()).isEqualTo(URI.create("https://api.twilio.com"));
        assertThat(twilio.sendDeadline()).isEqualTo(Duration.ofSeconds(9));
        assertThat(twilio.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.toString()).as("the token is never printed").doesNotContain(TOKEN);
    }

    @Test
    void theDefaultsAreTheSpecsFifteenSecondsAndAMessagingServiceMayReplaceFrom() {
        String service = "MG" + "fedcba9876543210".repeat(2);
        TwilioSettings twilio = Config.fromEnvironment(env("TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", TOKEN,
                "TWILIO_MESSAGING_SERVICE_SID", service, "TWILIO_API_URL", "http://127.0.0.1:9")).twilio().orElseThrow();
        assertThat(twilio.sendDeadline()).isEqualTo(Duration.ofSeconds(15));
        assertThat(twilio.messagingServiceSid()).contains(service);
        assertThat(twilio.from()).isEmpty();
        assertThat(twilio.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9"));
    }

    @Test
    void otherProvidersNeedNoTwilioSettings() {
        assertThat(Config.fromEnvironment(Map.of()).twilio()).isEmpty();
        assertThat(Config.fromEnvironment(Map.of("SMS_PROVIDER", "sns")).twilio()).isEmpty();
    }

    @Test
    void aMissingSidOrTokenIsNamed() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("TWILIO_FROM", "+18005550100")))
                .hasMessage("SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
        assertThatThrownBy(() -> Config.fromEnvironment(env("TWILIO_ACCOUNT_SID", SID, "TWILIO_FROM", "+18005550100")))
                .hasMessage("SMS_PROVIDER=twilio needs TWILIO_AUTH_TOKEN");
        assertThatThrownBy(() -> Config.fromEnvironment(env("TWILIO_AUTH_TOKEN", TOKEN, "TWILIO_FROM", "+18005550100")))
                .hasMessage("SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID");
    }

    @Test
    void exactlyOneOfFromOrAMessagingServiceIsNeeded() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", TOKEN)))
                .hasMessageContaining("exactly one of TWILIO_FROM").hasMessageContaining("TWILIO_MESSAGING_SERVICE_SID");
        assertThatThrownBy(() -> Config.fromEnvironment(env("TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", TOKEN,
                "TWILIO_FROM", "+18005550100", "TWILIO_MESSAGING_SERVICE_SID", "MG" + "0".repeat(32))))
                .hasMessageContaining("not both");
    }

    @Test
    void malformedValuesAreNamedWithoutEchoingTheToken() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("TWILIO_ACCOUNT_SID", "not-a-sid", "TWILIO_AUTH_TOKEN",
                TOKEN, "TWILIO_FROM", "+18005550100")))
                .hasMessageContaining("account SID").hasMessageContaining("TWILIO_ACCOUNT_SID")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> Config.fromEnvironment(env("TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", TOKEN,
                "TWILIO_FROM", "+18005550100", "TWILIO_API_URL", "ftp://example.com")))
                .hasMessageContaining("API URL").hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> Config.fromEnvironment(env("TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", TOKEN,
                "TWILIO_FROM", "+18005550100", "TWILIO_API_URL", "http://bad host/")))
                .hasMessageContaining("TWILIO_API_URL");
        assertThatThrownBy(() -> Config.fromEnvironment(Map.of("SMS_PROVIDER", "twillio")))
                .hasMessage("SMS_PROVIDER must be outbox, sns or twilio");
    }

    @Test
    void theSettingsShowEverythingButTheToken() {
        TwilioSettings settings = TwilioSettings.of(SID, TOKEN, Optional.of("+18005550100"), Optional.empty());
        assertThat(settings.toString()).contains(SID).contains("+18005550100").doesNotContain(TOKEN);
    }
}
