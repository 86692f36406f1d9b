package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.therapychat.core.fixtures.BlackHoleProxy;

/**
 * The app on a real PostgreSQL that holds a row lock or goes silent: writers of the locked
 * session get 503 within the lock timeout while everyone else carries on; requests during a
 * silent network get 503 within the socket timeout and the app recovers when it forwards again;
 * SIGTERM in both states exits within SHUTDOWN_SECONDS.
 */
class PostgresDeadlinesIT {
    private static final String SESSION = "/api/therapy-sessions/demo-week-1";
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    private static Map<String, String> env(int port) {
        return Map.of("DATABASE_URL", url(port), "DEMO_DATA", "true", "DB_LOCK_TIMEOUT_SECONDS", "1",
                "DB_STATEMENT_TIMEOUT_SECONDS", "2", "DB_SOCKET_TIMEOUT_SECONDS", "3", "SHUTDOWN_SECONDS", "8");
    }

    @Test
    @Timeout(180)
    void aHeldLockCostsOnlyItsSessionsWritersAndSigtermStillExits() throws Exception {
        try (AppProcess app = new AppProcess(Files.createTempDirectory("therapychat-lock"), env(postgres.getPort())).start();
             Connection holder = DriverManager.getConnection(url(postgres.getPort()))) {
            Api ana = logIn(app, "+1 650 555 0101", "Smith");
            assertThat(ana.post(SESSION + "/enter").status()).isEqualTo(200);
            Api admin = new Api(app.port());
            admin.write("PUT", "/admin/therapy-sessions/other-1", "{\"name\":\"Other\",\"date\":\"" + Dates.hoursFromNow(3) + "\","
                    + "\"members\":[\"P2\"]}", RunningAppAuth.ADMIN);
            Api ben = logIn(app, "+1 650 555 0102", "Jones");
            assertThat(ben.post("/api/therapy-sessions/other-1/enter").status()).isEqualTo(200);

            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT * FROM action_log_heads WHERE therapy_session_id = 'demo-week-1' FOR UPDATE");
            }
            ExecutorService writers = Executors.newFixedThreadPool(20);
            List<Future<long[]>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String body = "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"lock-" + i + "\",\"type\":\"message\",\"body\":\"x\"}]}";
                answers.add(writers.submit(() -> {
                    long started = System.nanoTime();
                    Api.Reply reply = ana.post(SESSION + "/actions/sync", body);
                    return new long[] {reply.status(), (System.nanoTime() - started) / 1_000_000,
                            reply.header("Retry-After") == null ? 0 : 1};
                }));
            }
            long started = System.nanoTime();
            assertThat(new Api(app.port()).get("/livez").status()).isEqualTo(200);
            assertThat(ben.get("/api/therapy-sessions/other-1/actions?since=0").status()).isEqualTo(200);
            assertThat(ben.post("/api/therapy-sessions/other-1/actions/sync",
                    "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"o-1\",\"type\":\"message\",\"body\":\"fine\"}]}").status())
                    .isEqualTo(200);
            long othersMillis = (System.nanoTime() - started) / 1_000_000;
            long slowest = 0;
            for (Future<long[]> f : answers) {
                long[] a = f.get();
                assertThat(a[0]).as("a writer of the locked session").isEqualTo(503);
                assertThat(a[2]).as("Retry-After").isEqualTo(1);
                slowest = Math.max(slowest, a[1]);
            }
            writers.shutdown();
            System.out.printf("held lock: 20 writers answered 503 within %d ms; /livez, a poll and a write elsewhere "
                    + "took %d ms%n", slowest, othersMillis);
            assertThat(slowest).as("lock timeout 1 s, queued behind each other on 16 threads").isLessThan(4000);
            assertThat(othersMillis).isLessThan(3000);

            Duration exit = app.terminate(Duration.ofSeconds(15));
            System.out.printf("SIGTERM with a lock held: exited after %d ms%n", exit.toMillis());
            assertThat(exit).isLessThan(Duration.ofSeconds(10));
            holder.rollback();
        }
    }

    @Test
    @Timeout(240)
    void aSilentNetworkAnswers503WithinTheSocketTimeoutRecoversAndSigtermStillExits() throws Exception {
        try (BlackHoleProxy proxy = new BlackHoleProxy(postgres.getPort());
             AppProcess app = new AppProcess(Files.createTempDirectory("therapychat-silent"), env(proxy.port())).start()) {
            Api ana = logIn(app, "+1 650 555 0101", "Smith");
            assertThat(ana.post(SESSION + "/enter").status()).isEqualTo(200);
            proxy.blackHole();
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                Api.Reply reply = ana.post(SESSION + "/actions/sync",
                        "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"silent-" + i + "\",\"type\":\"message\",\"body\":\"x\"}]}");
                long took = (System.nanoTime() - started) / 1_000_000;
                System.out.printf("silent network: a write answered %d after %d ms%n", reply.status(), took);
                assertThat(reply.status()).isEqualTo(503);
                assertThat(took).as("socket timeout 3 s + the pool's 3 s wait, with margin").isLessThan(10_000);
            }
            long started = System.nanoTime();
            assertThat(new Api(app.port()).get("/healthz").status()).isEqualTo(503);
            assertThat((System.nanoTime() - started) / 1_000_000).as("/healthz is bounded at 2 s").isLessThan(3_500);
            assertThat(new Api(app.port()).get("/livez").status()).isEqualTo(200);

            proxy.forward();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                status = ana.post(SESSION + "/actions/sync",
                        "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"back\",\"type\":\"message\",\"body\":\"x\"}]}").status();
                AppProcess.sleep(200);
            }
            assertThat(status).as("recovered by itself").isEqualTo(200);

            proxy.blackHole();
            ana.post(SESSION + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[]}");
            Duration exit = app.terminate(Duration.ofSeconds(15));
            System.out.printf("SIGTERM on a silent network: exited after %d ms%n", exit.toMillis());
            assertThat(exit).isLessThan(Duration.ofSeconds(10));
        }
    }

    private static Api logIn(AppProcess app, String phone, String identifier) {
        Api api = new Api(app.port());
        Outbox outbox = new Outbox(app.dataDir());
        int before = outbox.lines();
        assertThat(api.post("/api/login/start", "{\"phone\":\"" + phone + "\",\"identifier\":\"" + identifier + "\"}")
                .status()).isEqualTo(202);
        String e164 = "+" + phone.replaceAll("[^0-9]", "");
        assertThat(api.post("/api/login/verify", "{\"code\":\"" + outbox.codeFor(e164, before) + "\"}").status())
                .isEqualTo(200);
        return api;
    }
}
