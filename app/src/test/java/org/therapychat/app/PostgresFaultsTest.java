package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.CookieManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Production shape: two app instances sharing one real PostgreSQL. They agree on sessions,
 * messages, presence and rate limits; when PostgreSQL restarts they answer 503 JSON and recover
 * by themselves.
 */
class PostgresFaultsTest {
    private static final String SESSION = "/api/therapy-sessions/demo-week-1";
    private static Path pgData;
    private static int pgPort;
    private static EmbeddedPostgres postgres;
    private static RunningApp first;
    private static RunningApp second;

    @BeforeAll
    static void start() throws IOException {
        pgData = Files.createTempDirectory("therapychat-pg");
        postgres = startPostgres(0);
        pgPort = postgres.getPort();
        String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres";
        first = new RunningApp(Map.of("DATABASE_URL", url, "DEMO_DATA", "true", "LOGIN_STARTS_PER_IP_PER_HOUR", "1000"));
        second = new RunningApp(Map.of("DATABASE_URL", url, "LOGIN_STARTS_PER_IP_PER_HOUR", "1000"));
    }

    private static EmbeddedPostgres startPostgres(int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    @AfterAll
    static void stop() throws IOException {
        first.close();
        second.close();
        postgres.close();
    }

    @Test
    void twoInstancesOnOneDatabaseAgree() {
        CookieManager anasBrowser = new CookieManager();
        Api anaViaFirst = new Api(first.port(), anasBrowser);
        Api anaViaSecond = new Api(second.port(), anasBrowser);
        assertThat(first.start(anaViaFirst, "+1 650 555 0101", "Smith").status()).isEqualTo(202);
        assertThat(anaViaSecond.post("/api/login/verify", "{\"code\":\"" + first.codeFor("+16505550101") + "\"}").status())
                .as("a code sent through one instance is accepted by the other").isEqualTo(200);
        assertThat(anaViaFirst.get("/api/me").get("user").get("id").asText()).isEqualTo("P1");
        assertThat(anaViaFirst.post(SESSION + "/enter").status()).isEqualTo(200);

        CookieManager bensBrowser = new CookieManager();
        Api benViaSecond = new Api(second.port(), bensBrowser);
        second.start(benViaSecond, "+1 650 555 0102", "Jones");
        assertThat(benViaSecond.post("/api/login/verify", "{\"code\":\"" + second.codeFor("+16505550102") + "\"}").status())
                .isEqualTo(200);
        benViaSecond.post(SESSION + "/enter");

        Api.Reply sent = anaViaSecond.post(SESSION + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"x-1\","
                + "\"type\":\"message\",\"body\":\"across instances\"}]}");
        long id = sent.get("accepted").get(0).get("id").asLong();
        Api benViaFirst = new Api(first.port(), bensBrowser);
        long deadline = System.currentTimeMillis() + 3000;
        while (!benViaFirst.get(SESSION + "/actions?since=0").text().contains("across instances")
                && System.currentTimeMillis() < deadline) {
            AppProcess.sleep(20);
        }
        assertThat(benViaFirst.get(SESSION + "/actions?since=0").text())
                .as("visible through the other instance within a refresh of its head snapshot").contains("across instances");
        assertThat(anaViaFirst.post(SESSION + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"x-1\","
                + "\"type\":\"message\",\"body\":\"across instances\"}]}").get("accepted").get(0).get("id").asLong())
                .as("a resend through the other instance gets the same id").isEqualTo(id);
        assertThat(benViaFirst.get(SESSION).get("members").toString()).contains("\"id\":\"P1\"", "\"present\":true");

        Api.Reply tooSoon = new Api(second.port()).post("/api/login/start",
                "{\"phone\":\"+1 650 555 0101\",\"identifier\":\"Smith\"}");
        assertThat(tooSoon.status()).as("the 60-second rule holds across instances").isEqualTo(429);

        anaViaSecond.post("/api/logout");
        assertThat(anaViaSecond.get("/api/me").status()).isEqualTo(401);
        // The first instance holds Ana's session in its cache (a minute while its change feed is
        // live, 2 s while not); the logout's notice over LISTEN/NOTIFY drops it there within ms, so
        // the bound is below even the short lifetime.
        long loggedOutAt = System.nanoTime();
        while (anaViaFirst.get("/api/me").status() != 401 && System.nanoTime() - loggedOutAt < 500_000_000L) {
            AppProcess.sleep(5);
        }
        assertThat(anaViaFirst.get("/api/me").status())
                .as("a logout on one instance ends the session on the other within a notification's way").isEqualTo(401);
        System.out.printf("logout through one instance seen by the other after %.0f ms%n",
                (System.nanoTime() - loggedOutAt) / 1e6);

        // Membership, kept a minute by every instance (1 s while the feed is down): a removal
        // through one reaches the other at once.
        String crossSession = "/api/therapy-sessions/cross-1";
        Api adminViaFirst = new Api(first.port());
        assertThat(adminViaFirst.write("PUT", "/admin/therapy-sessions/cross-1", "{\"name\":\"Cross\",\"date\":"
                + "\"" + Dates.hoursFromNow(3) + "\",\"members\":[\"P2\"]}", RunningAppAuth.ADMIN).status()).isEqualTo(200);
        assertThat(benViaFirst.post(crossSession + "/enter").status()).isEqualTo(200);
        assertThat(benViaFirst.get(crossSession + "/actions?since=0").status()).isEqualTo(200);
        assertThat(new Api(second.port()).write("PUT", "/admin/therapy-sessions/cross-1", "{\"name\":\"Cross\",\"date\":"
                + "\"" + Dates.hoursFromNow(3) + "\",\"members\":[]}", RunningAppAuth.ADMIN).status()).isEqualTo(200);
        long removedAt = System.nanoTime();
        while (benViaFirst.get(crossSession + "/actions?since=0").status() != 403
                && System.nanoTime() - removedAt < 500_000_000L) {
            AppProcess.sleep(5);
        }
        assertThat(benViaFirst.get(crossSession + "/actions?since=0").status())
                .as("a member removed through one instance is refused by the other within a notification's way").isEqualTo(403);
        System.out.printf("membership removal through one instance enforced by the other after %.0f ms%n",
                (System.nanoTime() - removedAt) / 1e6);
    }

    @Test
    void anAppendThroughOneInstanceWakesALiveSocketOnTheOther() throws InterruptedException {
        Api admin = new Api(first.port());
        admin.write("PUT", "/admin/users/P5", "{\"role\":\"participant\",\"displayName\":\"Fay\","
                + "\"phone\":\"+1 650 555 0105\",\"identifier\":\"Fay\"}", RunningAppAuth.ADMIN);
        admin.write("PUT", "/admin/users/P6", "{\"role\":\"participant\",\"displayName\":\"Gus\","
                + "\"phone\":\"+1 650 555 0106\",\"identifier\":\"Gus\"}", RunningAppAuth.ADMIN);
        assertThat(admin.write("PUT", "/admin/therapy-sessions/live-x", "{\"name\":\"Live\",\"date\":"
                + "\"" + Dates.hoursFromNow(3) + "\",\"members\":[\"P5\",\"P6\"]}", RunningAppAuth.ADMIN).status()).isEqualTo(200);
        Api fayViaFirst = first.logIn("+1 650 555 0105", "Fay");
        Api gusViaSecond = second.logIn("+1 650 555 0106", "Gus");
        assertThat(fayViaFirst.post("/api/therapy-sessions/live-x/enter").status()).isEqualTo(200);
        assertThat(gusViaSecond.post("/api/therapy-sessions/live-x/enter").status()).isEqualTo(200);

        try (LiveClient gus = gusViaSecond.live("live-x", Map.of())) {
            assertThat(gus.isOpen()).isTrue();
            long sentAt = System.nanoTime();
            long id = fayViaFirst.post("/api/therapy-sessions/live-x/actions/sync", "{\"maxID\":0,\"actionQueue\":"
                    + "[{\"clientId\":\"w-1\",\"type\":\"message\",\"body\":\"wake up\"}]}")
                    .get("accepted").get(0).get("id").asLong();
            long deadline = System.nanoTime() + 2_000_000_000L;
            boolean woken = false;
            while (!woken && System.nanoTime() < deadline) {
                var frame = gus.next(0.5);
                woken = frame != null && frame.get("maxID").asLong() >= id;
            }
            assertThat(woken).as("a socket on the second instance is woken by an append through the first").isTrue();
            System.out.printf("append through one instance woke a socket on the other after %.1f ms%n",
                    (System.nanoTime() - sentAt) / 1e6);
        }
    }

    @Test
    @Timeout(180)
    void whenPostgresRestartsTheAppAnswers503AndRecoversByItself() throws IOException {
        Api probe = first.client();
        assertThat(probe.get("/healthz").status()).isEqualTo(200);
        postgres.close();
        Api.Reply down = probe.get("/healthz");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.get("status").asText()).isEqualTo("unavailable");
        Api.Reply login = probe.post("/api/login/start", "{\"phone\":\"+1 650 555 0100\",\"identifier\":\"Rivera\"}");
        assertThat(login.status()).isEqualTo(503);
        assertThat(login.get("error").asText()).isEqualTo("unavailable");
        assertThat(login.header("Retry-After")).isNotNull();

        postgres = startPostgres(pgPort);
        long deadline = System.currentTimeMillis() + 60_000;
        int status = 0;
        while (System.currentTimeMillis() < deadline && status != 200) {
            status = probe.get("/healthz").status();
            AppProcess.sleep(200);
        }
        assertThat(status).isEqualTo(200);
        assertThat(first.start(first.client(), "+1 650 555 0100", "Rivera").status()).isEqualTo(202);
        assertThat(second.client().get("/healthz").status()).isEqualTo(200);
    }

    /** A transaction of an operator's psql holding a row lock: the app's writes that need it time out. */
    private static java.sql.Connection lockedBy(String select) throws java.sql.SQLException {
        java.sql.Connection psql = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres");
        psql.setAutoCommit(false);
        try (var statement = psql.createStatement()) {
            statement.executeQuery(select).close();
        }
        return psql;
    }

    private static String userNamed(Api admin, String id) {
        for (var user : admin.get("/admin/users", RunningAppAuth.ADMIN).get("users")) {
            if (user.get("id").asText().equals(id)) {
                return user.get("displayName").asText();
            }
        }
        return null;
    }

    /** Issue 21 B1: with the audit trail locked an admin write was stored unaudited and answered 503. */
    @Test
    void anAdminWriteIsStoredWithItsAuditEntryOrNotAtAll() throws Exception {
        Api admin = new Api(first.port());
        String hal = "{\"role\":\"participant\",\"displayName\":\"%s\",\"phone\":\"+1 650 555 0107\",\"identifier\":\"Hal\"}";
        assertThat(admin.write("PUT", "/admin/users/P7", String.format(hal, "Hal"), RunningAppAuth.ADMIN).status()).isEqualTo(200);
        long lastEntry = lastAuditId(admin);
        try (java.sql.Connection psql = lockedBy("SELECT last_id FROM audit_head FOR UPDATE")) {
            Api.Reply renamed = admin.write("PUT", "/admin/users/P7", String.format(hal, "Renamed"), RunningAppAuth.ADMIN);
            Api.Reply created = admin.write("PUT", "/admin/users/P8", "{\"role\":\"participant\",\"displayName\":\"Ida\","
                    + "\"phone\":\"+1 650 555 0108\",\"identifier\":\"Ida\"}", RunningAppAuth.ADMIN);
            Api.Reply disabled = admin.write("PUT", "/admin/users/P7", "{\"disabled\":true}", RunningAppAuth.ADMIN);
            assertThat(List.of(renamed.status(), created.status(), disabled.status())).containsOnly(503);
            psql.rollback();
        }
        assertThat(userNamed(admin, "P7")).as("the rename was taken back with its audit entry").isEqualTo("Hal");
        assertThat(userNamed(admin, "P8")).isNull();
        assertThat(userNamed(new Api(second.port()), "P7")).isEqualTo("Hal");
        assertThat(admin.get("/admin/audit?since=" + lastEntry, RunningAppAuth.ADMIN).get("entries").toString())
                .doesNotContain("\"outcome\":\"ok\"");
        assertThat(admin.write("PUT", "/admin/users/P7", String.format(hal, "Renamed"), RunningAppAuth.ADMIN).status())
                .isEqualTo(200);
        assertThat(admin.get("/admin/audit?since=" + lastEntry, RunningAppAuth.ADMIN).get("entries").toString())
                .contains("\"action\":\"user.put\",\"target\":\"P7\",\"outcome\":\"ok\"");
    }

    private static long lastAuditId(Api admin) {
        long last = 0;
        while (true) {
            var entries = admin.get("/admin/audit?since=" + last, RunningAppAuth.ADMIN).get("entries");
            if (entries.isEmpty()) {
                return last;
            }
            last = entries.get(entries.size() - 1).get("id").asLong();
        }
    }

    /** Issue 21 B2: with one user row locked an import of 60 answered 503 with 30 users changed. */
    @Test
    void aRosterImportIsStoredWholeOrNotAtAll() throws Exception {
        Api admin = new Api(first.port());
        StringBuilder csv = new StringBuilder("id,role,displayName,phone,identifier\r\n");
        for (int i = 0; i < 60; i++) {
            csv.append(String.format("IM%02d,participant,Before %d,+165055530%02d,Im%d\r\n", i, i, i, i));
        }
        assertThat(AuthorizationMatrixTest.csv(admin, csv.toString(), RunningAppAuth.ADMIN).status()).isEqualTo(200);
        String renamed = csv.toString().replace(",Before ", ",After ");
        try (java.sql.Connection psql = lockedBy("SELECT id FROM users WHERE id = 'IM30' FOR UPDATE")) {
            assertThat(AuthorizationMatrixTest.csv(admin, renamed, RunningAppAuth.ADMIN).status()).isEqualTo(503);
            psql.rollback();
        }
        assertThat(userNamed(admin, "IM00")).as("no row of the failed import is kept").isEqualTo("Before 0");
        assertThat(userNamed(admin, "IM59")).isEqualTo("Before 59");
        assertThat(AuthorizationMatrixTest.csv(admin, renamed, RunningAppAuth.ADMIN).get("updated").asInt()).isEqualTo(60);
    }

    /** Issue 21 B3: two concurrent PUTs with one phone and identifier both answered 200 in 28 of 40 rounds. */
    @Test
    void twoUsersCanNeverShareAPhoneAndIdentifierWhateverTheRace() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String body = "{\"role\":\"participant\",\"displayName\":\"Twin\",\"phone\":\"+1 650 555 31"
                        + String.format("%02d", round) + "\",\"identifier\":\"Twin\"}";
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Integer>> racers = new java.util.ArrayList<>();
                for (RunningApp via : List.of(first, second)) {
                    String id = (via == first ? "TA" : "TB") + round;
                    racers.add(pool.submit(() -> {
                        go.await();
                        return new Api(via.port()).write("PUT", "/admin/users/" + id, body, RunningAppAuth.ADMIN).status();
                    }));
                }
                go.countDown();
                List<Integer> statuses = List.of(racers.get(0).get(), racers.get(1).get());
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 400);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
