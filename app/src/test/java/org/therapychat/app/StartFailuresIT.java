package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A start that cannot succeed ends with exit code 1 and one line saying what failed and what to
 * do: no stack trace on the console (it is logged at debug level).
 */
@Timeout(120)
class StartFailuresIT {

    private static List<String> failedStart(Map<String, String> env, int port) throws Exception {
        Path data = Files.createTempDirectory("therapychat-start");
        try (AppProcess app = new AppProcess(data, env, port)) {
            assertThat(app.startExpectingExit(Duration.ofSeconds(60))).isEqualTo(1);
            List<String> output = app.output();
            assertThat(output).as("no stack trace").noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by")
                    || l.contains("Exception:") && !l.contains("cannot start"));
            assertThat(output).filteredOn(l -> l.contains("cannot start")).hasSize(1);
            return output.stream().filter(l -> l.contains("cannot start")).toList();
        }
    }

    @Test
    void aPortInUseIsNamedWithWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<String> line = failedStart(Map.of(), taken.getLocalPort());
            assertThat(line.get(0)).contains("port " + taken.getLocalPort()).contains("in use").contains("PORT");
        }
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsNamedWithoutItsPassword() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        List<String> line = failedStart(Map.of("DATABASE_URL",
                "jdbc:postgresql://127.0.0.1:" + closed + "/study?user=app&password=s3cret-pw"), 0);
        assertThat(line.get(0)).contains("127.0.0.1:" + closed + "/study").contains("does not answer")
                .contains("DATABASE_URL").doesNotContain("s3cret-pw");
    }

    @Test
    void aDatabaseUrlThatIsNotPostgresIsRefused() throws Exception {
        List<String> line = failedStart(Map.of("DATABASE_URL", "mysql://db/study"), 0);
        assertThat(line.get(0)).contains("DATABASE_URL must be a PostgreSQL JDBC URL");
    }

    @Test
    void aBadValueNamesTheVariable() throws Exception {
        List<String> line = failedStart(Map.of("POLL_INTERVAL_MS", "soon"), 0);
        assertThat(line.get(0)).contains("POLL_INTERVAL_MS").contains("soon").contains("environment variable");
    }

    @Test
    void twilioWithoutItsSettingsIsRefusedNamingThemAndNeverTheToken() throws Exception {
        List<String> missing = failedStart(Map.of("SMS_PROVIDER", "twilio", "TWILIO_AUTH_TOKEN", "tok-s3cret-0042",
                "TWILIO_FROM", "+18005550100"), 0);
        assertThat(missing.get(0)).contains("SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID").contains("environment variable")
                .doesNotContain("tok-s3cret-0042");
        List<String> both = failedStart(Map.of("SMS_PROVIDER", "twilio", "TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32),
                "TWILIO_AUTH_TOKEN", "tok-s3cret-0042"), 0);
        assertThat(both.get(0)).contains("exactly one of TWILIO_FROM").doesNotContain("tok-s3cret-0042");
    }

    @Test
    void anEmbeddedDatabaseInUseByAnotherInstanceIsNamed() throws Exception {
        Path data = Files.createTempDirectory("therapychat-start");
        try (AppProcess first = new AppProcess(data, Map.of()).start();
             AppProcess second = new AppProcess(data, Map.of())) {
            assertThat(second.startExpectingExit(Duration.ofSeconds(60))).isEqualTo(1);
            List<String> output = second.output();
            assertThat(output).noneMatch(l -> l.startsWith("\tat "));
            assertThat(output).filteredOn(l -> l.contains("cannot start")).singleElement()
                    .satisfies(l -> assertThat(l).contains("in use by another process").contains("DATA_DIR"));
            assertThat(first.port()).isPositive();
        }
    }
}
