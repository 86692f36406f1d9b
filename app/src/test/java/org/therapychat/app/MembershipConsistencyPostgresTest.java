package org.therapychat.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The consistency rules on two instances sharing one real PostgreSQL: changed through one, enforced by the other. */
class MembershipConsistencyPostgresTest extends MembershipConsistencyTests {
    private static EmbeddedPostgres postgres;
    private static RunningApp first;
    private static RunningApp second;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres";
        Map<String, String> relaxed = Map.of("DATABASE_URL", url, "DEMO_DATA", "false",
                "LOGIN_STARTS_PER_IP_PER_HOUR", "100000", "OTP_RESEND_SECONDS", "1", "OTP_MAX_SENDS_PER_HOUR", "100000");
        first = new RunningApp(relaxed);
        second = new RunningApp(relaxed);
    }

    @AfterAll
    static void stop() throws IOException {
        first.close();
        second.close();
        postgres.close();
    }

    @Override
    RunningApp a() {
        return first;
    }

    @Override
    RunningApp b() {
        return second;
    }
}
