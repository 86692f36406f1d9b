package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DIRECTORY=redcap refuses to start on a missing or bad variable, naming it and never quoting a secret. */
class RedcapConfigTest {
    private static final String TOKEN = "SECRETTOKEN0123456789ABCDEF01234";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("DIRECTORY", "redcap", "REDCAP_API_URL",
                "https://redcap.example.edu/api/", "REDCAP_API_TOKEN", TOKEN, "REDCAP_DET_KEY", "det-key-0123456789abcdef"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void aGoodEnvironmentGivesTheDefaultsOfSpecSix() {
        RedcapConfig config = Config.fromEnvironment(env()).redcap().orElseThrow();
        assertThat(config.syncInterval().toSeconds()).isEqualTo(60);
        assertThat(config.settings().zone().getId()).isEqualTo("UTC");
        assertThat(config.settings().connectTimeout().toSeconds()).isEqualTo(5);
        assertThat(config.settings().callTimeout().toSeconds()).isEqualTo(15);
        assertThat(config.toString()).doesNotContain(TOKEN).doesNotContain("det-key-0123456789abcdef");
        assertThat(Config.fromEnvironment(env()).demoData()).isFalse();
        assertThat(Config.fromEnvironment(Map.of()).redcap()).isEmpty();
    }

    @Test
    void aShortTriggerKeyIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("REDCAP_DET_KEY", "short")))
                .hasMessageStartingWith("REDCAP_DET_KEY must have at least 16 characters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short").doesNotContain(TOKEN));
    }

    @Test
    void everyOtherBadValueIsNamed() {
        assertThatThrownBy(() -> Config.fromEnvironment(env("DIRECTORY", "ldap"))).hasMessageContaining("DIRECTORY");
        Map<String, String> noUrl = env();
        noUrl.remove("REDCAP_API_URL");
        assertThatThrownBy(() -> Config.fromEnvironment(noUrl)).hasMessageContaining("REDCAP_API_URL is required");
        Map<String, String> noToken = env();
        noToken.remove("REDCAP_API_TOKEN");
        assertThatThrownBy(() -> Config.fromEnvironment(noToken)).hasMessageContaining("REDCAP_API_TOKEN is required");
        assertThatThrownBy(() -> Config.fromEnvironment(env("REDCAP_API_URL", "ftp://x/")))
                .hasMessageContaining("REDCAP_API_URL");
        assertThatThrownBy(() -> Config.fromEnvironment(env("REDCAP_TIMEZONE", "Mars/Olympus")))
                .hasMessageContaining("REDCAP_TIMEZONE");
        assertThatThrownBy(() -> Config.fromEnvironment(env("REDCAP_SYNC_SECONDS", "1")))
                .hasMessageContaining("REDCAP_SYNC_SECONDS");
        assertThatThrownBy(() -> Config.fromEnvironment(env("REDCAP_MAPPING", "/nonexistent/mapping.json")))
                .hasMessageContaining("REDCAP_MAPPING");
    }

    @Test
    void aMappingFileOverridesNamesAndItsUnknownKeysAreRefused(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.json"), "{\"personIdentifier\":\"participant_dob\"}");
        assertThat(Config.fromEnvironment(env("REDCAP_MAPPING", good.toString())).redcap().orElseThrow()
                .settings().mapping().get("personIdentifier")).isEqualTo("participant_dob");
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"lastName\":\"x\"}");
        assertThatThrownBy(() -> Config.fromEnvironment(env("REDCAP_MAPPING", bad.toString())))
                .hasMessageContaining("unknown key lastName");
    }
}
