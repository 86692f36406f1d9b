package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Three packaged jars on one PostgreSQL behind Debian's nginx running the shipped
 * {@code deploy/nginx.conf} (issue 24 item 4). 300 participants in 30 chats of 10, each a browser as
 * chat.js and live.js make it (socket through nginx, reconnect with backoff, queue resent with its
 * clientIds), 5 messages a second: a kill -9 of one instance and a rolling restart lose and
 * duplicate nothing acknowledged, and every failed request is retried to success; a logout, a
 * revoke and a disable on one instance close the sockets held on the others.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetIT {
    private static final int PARTICIPANTS = 300;
    private static final int PER_SESSION = 10;
    private static final double MESSAGES_PER_SECOND = 5;
    private static Fleet fleet;
    private static String[] cookies;

    @BeforeAll
    static void startFleet() throws Exception {
        assertThat(Files.isExecutable(Nginx.BINARY)).as("Debian's nginx (bin/test installs it: apt-get install nginx)").isTrue();
        long started = System.nanoTime();
        fleet = Fleet.start(3, Map.of(), true);
        long up = System.nanoTime();
        cookies = fleet.logIn(PARTICIPANTS, PER_SESSION, "F");
        System.out.printf("fleet: 3 instances on one PostgreSQL behind nginx in %.1f s; %d participants logged in and entered"
                + " in %.1f s%n", (up - started) / 1e9, PARTICIPANTS, (System.nanoTime() - up) / 1e9);
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(180)
    void aLogoutARevokeAndADisableOnOneInstanceCloseSocketsHeldOnTheOthers() throws Exception {
        Api admin = new Api(fleet.instances.get(0).port());
        List<String> members = List.of("X0", "X1", "X2");
        for (int i = 0; i < members.size(); i++) {
            assertThat(admin.write("PUT", "/admin/users/X" + i, "{\"role\":\"participant\",\"displayName\":\"X" + i
                    + "\",\"phone\":\"" + xPhone(i) + "\",\"identifier\":\"Fleet\"}", RunningAppAuth.ADMIN).status()).isEqualTo(200);
        }
        assertThat(putMembers(admin, members)).isEqualTo(200);
        List<CookieManager> browsers = new ArrayList<>();
        List<List<LiveClient>> sockets = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            CookieManager jar = new CookieManager();
            Api viaNginx = new Api(fleet.port(), jar);
            assertThat(viaNginx.post("/api/login/start", "{\"phone\":\"" + xPhone(i) + "\",\"identifier\":\"Fleet\"}").status())
                    .isEqualTo(202);
            assertThat(viaNginx.post("/api/login/verify", "{\"code\":\"" + fleet.codeFor(xPhone(i)) + "\"}").status())
                    .isEqualTo(200);
            assertThat(viaNginx.post("/api/therapy-sessions/XS/enter").status()).isEqualTo(200);
            // one socket on each of the other two instances, one through nginx (wherever it lands)
            List<LiveClient> held = List.of(new Api(fleet.instances.get(1).port(), jar).live("XS", Map.of()),
                    new Api(fleet.instances.get(2).port(), jar).live("XS", Map.of()),
                    viaNginx.live("XS", Map.of("Origin", fleet.base())));
            held.forEach(s -> assertThat(s.isOpen()).as("socket opened (refused with " + s.refusedStatus + ")").isTrue());
            browsers.add(jar);
            sockets.add(held);
        }

        long t0 = System.nanoTime();
        assertThat(new Api(fleet.instances.get(0).port(), browsers.get(0)).post("/api/logout").status()).isBetween(200, 204);
        long logout = awaitClosed(sockets.get(0), 4401, t0);
        t0 = System.nanoTime();
        assertThat(putMembers(admin, List.of("X0", "X2"))).isEqualTo(200);
        long revoke = awaitClosed(sockets.get(1), 4403, t0);
        t0 = System.nanoTime();
        assertThat(admin.write("PUT", "/admin/users/X2", "{\"disabled\":true}", RunningAppAuth.ADMIN).status()).isEqualTo(200);
        long disable = awaitClosed(sockets.get(2), 4401, t0);
        System.out.printf("through instance 1, sockets on instances 2, 3 and through nginx closed: logout 4401 in %d ms,"
                + " revoke 4403 in %d ms, disable 4401 in %d ms (slowest of the three sockets each)%n", logout, revoke, disable);
    }

    private static int putMembers(Api admin, List<String> members) {
        return admin.write("PUT", "/admin/therapy-sessions/XS", "{\"name\":\"XS\",\"date\":\"" + Dates.hoursFromNow(2)
                + "\",\"members\":[\"" + String.join("\",\"", members) + "\"]}", RunningAppAuth.ADMIN).status();
    }

    /** Milliseconds until the last of {@code sockets} closed with {@code code}; fails past 15 s or on another code. */
    private static long awaitClosed(List<LiveClient> sockets, int code, long since) {
        for (LiveClient socket : sockets) {
            assertThat(socket.closeCode(15)).as("close code").isEqualTo(code);
        }
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static String xPhone(int i) {
        return String.format("+1650%07d", 4_000_000 + i);
    }

    @Test
    @Order(2)
    @Timeout(480)
    void killNineOfOneInstanceLosesAndDuplicatesNothingAndItsClientsReconnectThroughNginx() throws Exception {
        fleet.startStopped();
        int victim = 0;
        try (Browsers browsers = new Browsers(fleet.base(), cookies, "F", PER_SESSION, 64)) {
            openAll(browsers);
            browsers.sendMessages("k-", MESSAGES_PER_SECOND);
            AppProcess.sleep(10_000);
            int[] held = socketsPerInstance();
            long killedAt = System.nanoTime();
            fleet.instances.get(victim).killNine();
            AppProcess.sleep(60_000);
            long minuteLater = System.nanoTime();
            browsers.stopSending();
            assertThat(browsers.awaitQuiet(90)).as("every queue acknowledged, no sync failing").isTrue();
            assertThat(browsers.syncEveryone(60)).isTrue();

            List<long[]> outages = browsers.reconnects.stream().filter(r -> r[0] >= killedAt).toList();
            Histogram reconnect = new Histogram(TimeUnit.MINUTES.toMillis(5), 3);
            long attempts = 0;
            for (long[] o : outages) {
                reconnect.recordValue((o[1] - o[0]) / 1_000_000);
                attempts = Math.max(attempts, o[2]);
            }
            Histogram before = browsers.deliveryBetween(0, killedAt);
            Histogram after = browsers.deliveryBetween(killedAt, minuteLater);
            System.out.printf("kill -9 of instance 1 (sockets per instance before: %d / %d / %d): %d sockets dropped, all"
                    + " back through nginx: p50 %d ms, max %d ms, at most %d attempts; %d open now%n", held[0], held[1], held[2],
                    outages.size(), reconnect.getValueAtPercentile(50), reconnect.getMaxValue(), attempts, browsers.open());
            System.out.printf("kill -9: %d messages acknowledged, %d failed requests (%s) all retried to success (longest"
                    + " streak %d); delivery p50/p99/max before the kill %.1f / %.1f / %.1f ms, in the minute after it"
                    + " %.1f / %.1f / %.1f ms (n=%d)%n", browsers.acked.size(), browsers.failedRequests.get(), browsers.failures,
                    browsers.longestFailingStreak.get(), ms(before, 50), ms(before, 99), before.getMaxValue() / 1000.0,
                    ms(after, 50), ms(after, 99), after.getMaxValue() / 1000.0, after.getTotalCount());

            System.out.printf("kill -9: %d wakes applied from their frames, %d turned into a sync, %d follow-up syncs"
                    + " for a wake whose sync came back short%n", browsers.framesApplied.get(), browsers.wakeSyncs.get(),
                    browsers.followUpSyncs.get());
            browsers.slow.forEach(line -> System.out.println("kill -9, slow: " + line));
            assertThat(outages).as("the victim's sockets dropped").isNotEmpty();
            assertThat(outages.size()).as("only the victim's sockets dropped").isLessThanOrEqualTo(held[victim] + 5);
            assertThat(browsers.open()).as("every socket open again").isEqualTo(PARTICIPANTS);
            assertThat(reconnect.getMaxValue()).as("back within the backoff of a few attempts (1+2+4+8 s, +50 %)")
                    .isLessThan(30_000);
            assertNothingLostOrDuplicated(browsers);
        } finally {
            fleet.startStopped();
        }
    }

    @Test
    @Order(3)
    @Timeout(600)
    void aRollingRestartFailsNoRequestForGoodAndLosesNothing() throws Exception {
        fleet.startStopped();
        try (Browsers browsers = new Browsers(fleet.base(), cookies, "F", PER_SESSION, 64)) {
            openAll(browsers);
            browsers.sendMessages("r-", MESSAGES_PER_SECOND);
            AppProcess.sleep(5_000);
            List<String> steps = new ArrayList<>();
            for (int i = 0; i < fleet.instances.size(); i++) {
                AppProcess instance = fleet.instances.get(i);
                Duration stop = instance.terminate(Duration.ofSeconds(30));
                int exit = instance.exitCode();
                long restarting = System.nanoTime();
                instance.start(Fleet.START_LIMIT);
                steps.add(String.format("instance %d: SIGTERM → exit %d in %d ms, healthy again in %.1f s", i + 1, exit,
                        stop.toMillis(), (System.nanoTime() - restarting) / 1e9));
                assertThat(exit).as("a graceful stop exits 0").isZero();
                AppProcess.sleep(5_000);
            }
            browsers.stopSending();
            assertThat(browsers.awaitQuiet(90)).as("every queue acknowledged, no sync failing").isTrue();
            assertThat(browsers.syncEveryone(60)).isTrue();
            steps.forEach(s -> System.out.println("rolling restart, " + s));
            System.out.printf("rolling restart: %d messages acknowledged, %d failed requests (%s), each retried to success"
                    + " (longest streak %d, %d failures recovered); socket closes %s, %d reconnects; %d open now%n",
                    browsers.acked.size(), browsers.failedRequests.get(), browsers.failures, browsers.longestFailingStreak.get(),
                    browsers.recoveredFailures.get(), browsers.closeCodes, browsers.reconnects.size(), browsers.open());
            assertThat(browsers.open()).as("every socket open again").isEqualTo(PARTICIPANTS);
            assertNothingLostOrDuplicated(browsers);
        } finally {
            fleet.startStopped();
        }
    }

    private static void openAll(Browsers browsers) {
        browsers.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (browsers.open() < PARTICIPANTS && System.nanoTime() < deadline) {
            AppProcess.sleep(100);
        }
        assertThat(browsers.open()).as("sockets open through nginx").isEqualTo(PARTICIPANTS);
    }

    private static int[] socketsPerInstance() {
        int[] held = new int[fleet.instances.size()];
        for (int i = 0; i < held.length; i++) {
            held[i] = fleet.liveSockets(i);
        }
        return held;
    }

    /**
     * Every resend answered its first id, every acknowledged message is in the log read back exactly
     * once under that id, every other member of its chat got it, and nobody got anything twice.
     */
    private static void assertNothingLostOrDuplicated(Browsers browsers) {
        assertThat(browsers.unacknowledged()).as("messages never acknowledged").isZero();
        assertThat(browsers.rejected.get()).as("rejected actions").isZero();
        assertThat(browsers.changedIds.get()).as("resends answered with another id").isZero();
        assertThat(browsers.duplicates.get()).as("messages a member got twice").isZero();
        assertThat(browsers.missedDeliveries()).as("deliveries missed of " + browsers.expectedDeliveries()).isZero();
        Api admin = new Api(fleet.port());
        int checked = 0;
        for (Map.Entry<String, List<String>> session : browsers.ackedBySession().entrySet()) {
            Api.Reply export = admin.get("/admin/therapy-sessions/" + session.getKey() + "/export", RunningAppAuth.ADMIN);
            assertThat(export.status()).isEqualTo(200);
            Map<String, List<Long>> stored = new HashMap<>();
            for (JsonNode action : export.get("actions")) {
                if (action.has("clientId")) {
                    stored.computeIfAbsent(action.get("clientId").asText(), k -> new ArrayList<>()).add(action.get("id").asLong());
                }
            }
            for (String clientId : session.getValue()) {
                assertThat(stored.get(clientId)).as(clientId + " in the log").containsExactly(browsers.acked.get(clientId));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(browsers.acked.size()).isPositive();
        System.out.printf("read back: %d acknowledged messages each exactly once under its id; %d deliveries, none missed,"
                + " none twice%n", checked, browsers.expectedDeliveries());
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
