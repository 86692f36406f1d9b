package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SPEC §3.2 on a real socket: who may connect, who is woken with what, and when the server closes. */
class LiveHttpTest {
    private static final String TS = "demo-week-1";
    private static final String SESSION = "/api/therapy-sessions/" + TS;
    private static RunningApp app;
    private static Api ana;
    private static Api ben;
    private static Api lee;
    private static Api carol;

    @BeforeAll
    static void start() {
        app = RunningApp.relaxed();
        Api admin = app.client();
        admin.write("PUT", "/admin/users/P3", "{\"role\":\"participant\",\"displayName\":\"Carol\","
                + "\"phone\":\"+1 650 555 0103\",\"identifier\":\"Lopez\"}", RunningAppAuth.ADMIN);
        admin.write("PUT", "/admin/users/P9", "{\"role\":\"participant\",\"displayName\":\"Outsider\","
                + "\"phone\":\"+1 650 555 0109\",\"identifier\":\"Out\"}", RunningAppAuth.ADMIN);
        admin.write("PUT", "/admin/therapy-sessions/" + TS, "{\"name\":\"Demo: Week 1\",\"topic\":\"t\","
                + "\"date\":\"" + Dates.hoursFromNow(3) + "\",\"members\":[\"T1\",\"P1\",\"P2\",\"P3\"]}", RunningAppAuth.ADMIN);
        ana = enter(app.logIn("+1 650 555 0101", "Smith"));
        ben = enter(app.logIn("+1 650 555 0102", "Jones"));
        lee = enter(app.logIn("+1 650 555 0100", "Rivera"));
        carol = enter(app.logIn("+1 650 555 0103", "Lopez"));
    }

    private static Api enter(Api api) {
        assertThat(api.post(SESSION + "/enter").status()).isEqualTo(200);
        return api;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static long send(Api who, String action) {
        Api.Reply reply = who.post(SESSION + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[" + action + "]}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.get("rejected")).isEmpty();
        return reply.get("accepted").get(0).get("id").asLong();
    }

    private static LiveClient live(Api who) {
        LiveClient client = who.live(TS, Map.of());
        assertThat(client.isOpen()).as("refused with %s %s", client.refusedStatus, client.refusedBody).isTrue();
        return client;
    }

    /** The ids of every action in the frames that arrive within {@code seconds}. */
    private static List<Long> idsWithin(LiveClient client, double seconds) throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        JsonNode frame;
        while ((frame = client.next(Math.max(0, (deadline - System.nanoTime()) / 1e9))) != null) {
            assertThat(frame.get("type").asText()).isEqualTo("wake");
            assertThat(frame.get("maxID").asLong()).isGreaterThan(frame.get("after").asLong());
            frame.get("data").forEach(a -> ids.add(a.get("id").asLong()));
        }
        return ids;
    }

    @Test
    void refusesBeforeTheUpgradeWithoutALoginOutsideTheChatAndFromAForeignOrigin() {
        LiveClient anonymous = app.client().live(TS, Map.of());
        assertThat(anonymous.refusedStatus).isEqualTo(401);

        Api outsider = app.logIn("+1 650 555 0109", "Out");
        LiveClient notMember = outsider.live(TS, Map.of());
        assertThat(notMember.refusedStatus).isEqualTo(403);

        LiveClient foreign = ana.live(TS, Map.of("Origin", "https://evil.example"));
        assertThat(foreign.refusedStatus).isEqualTo(403);

        LiveClient badId = ana.live("..%2F", Map.of());
        assertThat(badId.refusedStatus).isEqualTo(400);
        assertThat(List.of(anonymous, notMember, foreign, badId)).noneMatch(LiveClient::isOpen);
    }

    @Test
    void aMessageWakesTheOtherMembersAtOnceWithTheMessageItself() throws Exception {
        try (LiveClient bens = live(ben); LiveClient lees = live(lee)) {
            long id = send(ana, "{\"clientId\":\"live-1\",\"type\":\"message\",\"body\":\"<b>now</b>\","
                    + "\"character_history\":[\"n\"],\"time_to_complete\":\"5ms\"}");

            JsonNode frame = bens.next(2);
            assertThat(frame).isNotNull();
            assertThat(frame.get("maxID").asLong()).isEqualTo(id);
            JsonNode message = frame.get("data").get(frame.get("data").size() - 1);
            assertThat(message.get("body").asText()).isEqualTo("<b>now</b>");
            assertThat(message.has("character_history")).isFalse();
            assertThat(idsWithin(lees, 1)).contains(id);
        }
    }

    @Test
    void aPrivateMessageWakesItsAudienceAndTheTherapistButNobodyElse() throws Exception {
        try (LiveClient bens = live(ben); LiveClient lees = live(lee); LiveClient carols = live(carol)) {
            long id = send(ana, "{\"clientId\":\"live-p\",\"type\":\"message\",\"recipients\":[\"P2\"],\"body\":\"psst\"}");

            assertThat(idsWithin(bens, 1)).contains(id);
            assertThat(idsWithin(lees, 0.2)).contains(id);
            assertThat(carols.next(0.5)).as("no frame of any kind").isNull();
        }
    }

    @Test
    void logoutClosesWith4401() throws Exception {
        Api dana = enter(app.logIn("+1 650 555 0103", "Lopez"));
        LiveClient socket = live(dana);
        assertThat(dana.post("/api/logout").status()).isEqualTo(200);
        assertThat(socket.closeCode(3)).isEqualTo(4401);
    }

    @Test
    void revokeClosesWith4403AndAdmitLetsBackIn() throws Exception {
        Api admin = app.client();
        admin.write("PUT", "/admin/users/P4", "{\"role\":\"participant\",\"displayName\":\"Eve\","
                + "\"phone\":\"+1 650 555 0104\",\"identifier\":\"Eve\"}", RunningAppAuth.ADMIN);
        admin.write("PUT", "/admin/therapy-sessions/" + TS, "{\"name\":\"Demo: Week 1\",\"topic\":\"t\","
                + "\"date\":\"" + Dates.hoursFromNow(3) + "\",\"members\":[\"T1\",\"P1\",\"P2\",\"P3\",\"P4\"]}", RunningAppAuth.ADMIN);
        Api eve = enter(app.logIn("+1 650 555 0104", "Eve"));
        LiveClient socket = live(eve);
        assertThat(lee.post(SESSION + "/revoke/P4").status()).isEqualTo(200);
        assertThat(socket.closeCode(3)).isEqualTo(4403);
        assertThat(eve.live(TS, Map.of()).refusedStatus).isEqualTo(403);
    }

    @Test
    void aClientFrameOverOneKibibyteClosesTheSocket() throws Exception {
        LiveClient socket = live(carol);
        socket.socket.sendText("x".repeat(2000), true).join();
        assertThat(socket.closeCode(3)).isEqualTo(1009);
    }

    @Test
    void atMostFiveSocketsPerUser() {
        List<LiveClient> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(live(ana));
        }
        LiveClient sixth = ana.live(TS, Map.of());
        assertThat(sixth.refusedStatus).isEqualTo(403);
        assertThat(sixth.refusedBody.get("error").asText()).isEqualTo("too_many_connections");
        five.forEach(LiveClient::close);
    }

    @Test
    void anOpenSocketOutlivesTheHttpIdleAndHeaderDeadlines() throws Exception {
        try (RunningApp strict = new RunningApp(Map.of("HTTP_IDLE_TIMEOUT_SECONDS", "1", "HTTP_HEADER_TIMEOUT_SECONDS", "1",
                "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "0"))) {
            Api anaHere = strict.logIn("+1 650 555 0101", "Smith");
            Api benHere = strict.logIn("+1 650 555 0102", "Jones");
            assertThat(anaHere.post(SESSION + "/enter").status()).isEqualTo(200);
            assertThat(benHere.post(SESSION + "/enter").status()).isEqualTo(200);
            try (LiveClient bens = benHere.live(TS, Map.of())) {
                assertThat(bens.isOpen()).isTrue();
                assertThat(bens.closeCode(4)).as("still open after four idle seconds").isEqualTo(-1);
                long id = anaHere.post(SESSION + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"late\","
                        + "\"type\":\"message\",\"body\":\"still there?\"}]}").get("accepted").get(0).get("id").asLong();
                assertThat(idsWithin(bens, 2)).contains(id);
            }
        }
    }

    /** A raw upgrade, to send what a browser would not; answers the socket after the 101. */
    private static java.net.Socket rawUpgrade(Api who, String extraHeaders) throws java.io.IOException {
        java.net.Socket s = new java.net.Socket("127.0.0.1", app.port());
        s.setSoTimeout(5000);
        s.getOutputStream().write(("GET /api/live?ts=" + TS + " HTTP/1.1\r\nHost: 127.0.0.1:" + app.port()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nCookie: tc_session=" + who.cookie("tc_session") + "\r\n" + extraHeaders
                + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return s;
    }

    private static String responseHead(java.net.Socket s) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        java.io.InputStream in = s.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.read());
        }
        return head.toString();
    }

    /** Masked client frames with no payload: opcode byte, then MASK|0 and a zero masking key. */
    private static byte[] frames(int opcodeByte, int count) {
        byte[] frame = {(byte) opcodeByte, (byte) 0x80, 0, 0, 0, 0};
        byte[] many = new byte[frame.length * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(frame, 0, many, i * frame.length, frame.length);
        }
        return many;
    }

    /** Whether the server cut the connection within {@code seconds}. */
    private static boolean droppedWithin(java.net.Socket s, double seconds) throws java.io.IOException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            try {
                s.setSoTimeout(500);
                if (s.getInputStream().read(new byte[4096]) < 0) {
                    return true;
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                // nothing to read yet, the connection stands
            } catch (java.io.IOException reset) {
                return true;
            }
        }
        return false;
    }

    /** Sends {@code prefix} then the flood; answers how long the server took to cut the connection, or -1. */
    private static long floodMillis(byte[] prefix, byte[] flood) throws Exception {
        try (java.net.Socket s = rawUpgrade(carol, "")) {
            assertThat(responseHead(s)).startsWith("HTTP/1.1 101");
            long started = System.nanoTime();
            try {
                s.getOutputStream().write(prefix);
                s.getOutputStream().write(flood);
            } catch (java.io.IOException dropped) {
                // already cut off: that is the point
            }
            return droppedWithin(s, 5) ? (System.nanoTime() - started) / 1_000_000 : -1;
        }
    }

    @Test
    void aFloodOfPingsDropsTheConnection() throws Exception {
        long millis = floodMillis(new byte[0], frames(0x89, 500));
        System.out.printf("500 pings: dropped after %d ms%n", millis);
        assertThat(millis).as("the server drops a client that floods it with pings").isNotNegative();
    }

    /** Issue 21 B.7: unsolicited pongs cost the server as much to parse as pings, and were not counted. */
    @Test
    void aFloodOfPongsDropsTheConnection() throws Exception {
        long millis = floodMillis(new byte[0], frames(0x8A, 500));
        System.out.printf("500 pongs: dropped after %d ms%n", millis);
        assertThat(millis).as("the server drops a client that floods it with pongs").isNotNegative();
    }

    /** Issue 21 B.7: one text message in endless empty continuation frames never completes, so it was never counted. */
    @Test
    void aFloodOfContinuationFramesDropsTheConnection() throws Exception {
        long millis = floodMillis(frames(0x01, 1), frames(0x00, 500));
        System.out.printf("500 continuation frames: dropped after %d ms%n", millis);
        assertThat(millis).as("the server drops a client that floods it with continuation frames").isNotNegative();
    }

    @Test
    void aFewPongsKeepTheConnection() throws Exception {
        try (java.net.Socket s = rawUpgrade(carol, "")) {
            assertThat(responseHead(s)).startsWith("HTTP/1.1 101");
            s.getOutputStream().write(frames(0x8A, 10));
            assertThat(droppedWithin(s, 2)).as("ten pongs in 10 s are within the limit").isFalse();
        }
    }

    @Test
    void noCompressionIsNegotiated() throws Exception {
        try (java.net.Socket s = rawUpgrade(carol, "Sec-WebSocket-Extensions: permessage-deflate\r\n")) {
            String head = responseHead(s);
            assertThat(head).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("deflate");
        }
    }

    @Test
    void anOriginWithAnotherSchemeIsRefused() {
        LiveClient otherScheme = ana.live(TS, Map.of("Origin", "https://127.0.0.1:" + app.port()));
        assertThat(otherScheme.refusedStatus).isEqualTo(403);
        LiveClient same = ana.live(TS, Map.of("Origin", "http://127.0.0.1:" + app.port()));
        assertThat(same.isOpen()).isTrue();
        same.close();
    }

    @Test
    void upgradesRacingPastTheCapAreToldToTryAgainNotThatTheyMayNotBeHere() throws Exception {
        int attempts = 12;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(attempts);
        try {
            List<java.util.concurrent.Future<LiveClient>> racing = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                racing.add(pool.submit(() -> ben.live(TS, Map.of())));
            }
            List<LiveClient> clients = new ArrayList<>();
            for (var f : racing) {
                clients.add(f.get());
            }
            Thread.sleep(500);
            long open = clients.stream().filter(LiveClient::isOpen).count();
            List<Integer> closeCodes = clients.stream().filter(c -> c.socket != null && !c.isOpen())
                    .map(c -> c.closeCode(1)).toList();
            assertThat(open).isLessThanOrEqualTo(5);
            assertThat(closeCodes).as("never 4403, which would stop the client for good").allMatch(code -> code == 1013);
            assertThat(clients.stream().filter(c -> c.socket == null).map(c -> c.refusedStatus)).allMatch(st -> st == 403);
            clients.forEach(LiveClient::close);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void meAndEnterTellBothIntervals() {
        assertThat(ana.get("/api/me").get("livePollIntervalMs").asLong()).isEqualTo(25_000);
        assertThat(ana.post(SESSION + "/enter").get("livePollIntervalMs").asLong()).isEqualTo(25_000);
    }
}
