package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.therapy.TherapySessions;

/** The demo data goes only into a database with no users at all, never into a real study. */
class DemoDataTest {

    @Test
    void aRealStudyStartedWithoutDemoDataGetsNoneOnALaterStart() throws Exception {
        Path data = Files.createTempDirectory("therapychat-demo");
        Map<String, String> env = new HashMap<>(Map.of("DATA_DIR", data.toString(), "PORT", "0", "HOST", "127.0.0.1",
                "COOKIE_SECURE", "false", "ADMIN_TOKEN", RunningApp.ADMIN_TOKEN, "DEMO_DATA", "false"));
        TherapyChatApp real = Main.create(Config.fromEnvironment(env), List.of()).start();
        try {
            // a real participant who happens to have the demo's published phone number
            assertThat(new Api(real.port()).write("PUT", "/admin/users/R1", "{\"role\":\"participant\","
                    + "\"displayName\":\"Real\",\"phone\":\"" + DemoData.ANA_PHONE + "\",\"identifier\":\"Real\"}",
                    RunningAppAuth.ADMIN).status()).isEqualTo(200);
        } finally {
            real.stop();
        }

        env.remove("DEMO_DATA");
        try (LogCapture log = new LogCapture(DemoData.class.getName())) {
            TherapyChatApp again = Main.create(Config.fromEnvironment(env), List.of()).start();
            try {
                UserStore users = again.injector().getInstance(UserStore.class);
                assertThat(users.findById(UserId.of("R1"))).isPresent();
                assertThat(users.findById(UserId.of("P1"))).isEmpty();
                assertThat(users.findById(UserId.of("T1"))).isEmpty();
                assertThat(again.injector().getInstance(TherapySessions.class)
                        .find(TherapySessionId.of("demo-week-1"))).isEmpty();
                assertThat(log.messages()).containsExactly("demo data skipped: the database already has users");
            } finally {
                again.stop();
            }
        }
    }

    @Test
    void anEmptyDatabaseGetsTheDemoOnce() {
        try (RunningApp app = new RunningApp()) {
            UserStore users = app.app.injector().getInstance(UserStore.class);
            assertThat(users.findById(UserId.of("P1"))).isPresent();
            app.stopServer();
            try (LogCapture log = new LogCapture(DemoData.class.getName())) {
                app.startAgain();
                assertThat(log.messages()).containsExactly("demo data skipped: the database already has users");
            }
        }
    }
}
