package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Roles, membership state and presence stay right under concurrent changes. A subclass supplies
 * two instances {@link #a()} and {@link #b()} (the same one on the embedded database): changes
 * are made through one and enforced by the other.
 */
abstract class MembershipConsistencyTests {
    private static final String ADMIN_PATH = "/admin/therapy-sessions/";
    private static final String API_PATH = "/api/therapy-sessions/";
    private final ExecutorService racers = Executors.newFixedThreadPool(2);

    abstract RunningApp a();

    abstract RunningApp b();

    @AfterEach
    void stopRacers() throws InterruptedException {
        racers.shutdownNow();
        racers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** One browser, logged in through {@code app}: {@link Browser#via} talks to either instance with its cookie. */
    record Browser(CookieManager cookies) {
        Api via(RunningApp app) {
            return new Api(app.port(), cookies);
        }
    }

    Browser logIn(RunningApp app, String phone, String identifier) {
        Browser browser = new Browser(new CookieManager());
        Api api = browser.via(app);
        assertThat(app.start(api, phone, identifier).status()).isEqualTo(202);
        String e164 = "+" + phone.replaceAll("[^0-9]", "");
        assertThat(api.post("/api/login/verify", "{\"code\":\"" + app.codeFor(e164) + "\"}").status()).isEqualTo(200);
        return browser;
    }

    static Api.Reply admin(RunningApp app, String path, String body) {
        return app.client().write("PUT", path, body, RunningAppAuth.ADMIN);
    }

    static void putUser(RunningApp app, String id, String role, String name, String phone, String identifier) {
        assertThat(admin(app, "/admin/users/" + id, "{\"role\":\"" + role + "\",\"displayName\":\"" + name
                + "\",\"phone\":\"" + phone + "\",\"identifier\":\"" + identifier + "\"}").status()).isEqualTo(200);
    }

    static String session(String name, String admission, String... members) {
        return "{\"name\":\"" + name + "\",\"date\":\"" + Dates.hoursFromNow(2) + "\",\"admission\":\"" + admission
                + "\",\"members\":[\"" + String.join("\",\"", members) + "\"]}";
    }

    static JsonNode member(Api.Reply detail, String id) {
        for (JsonNode m : detail.get("members")) {
            if (m.get("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError(id + " not in " + detail.text());
    }

    static Api.Reply sync(Api api, String ts, String queue) {
        return api.post(API_PATH + ts + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[" + queue + "]}");
    }

    static boolean sees(Api api, String ts, String body) {
        return sync(api, ts, "").text().contains(body);
    }

    /** Within the 3 s another instance's snapshot of the log's head may take to show a new action. */
    static boolean eventuallySees(Api api, String ts, String body) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (!sees(api, ts, body)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            AppProcess.sleep(20);
        }
        return true;
    }

    /** Runs both at once (as near as two threads get) and waits for both. */
    /** Both calls at once; their replies, in the order given. */
    List<Api.Reply> race(Supplier<Api.Reply> one, Supplier<Api.Reply> other) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Api.Reply> x = CompletableFuture.supplyAsync(() -> await(start, one), racers);
        CompletableFuture<Api.Reply> y = CompletableFuture.supplyAsync(() -> await(start, other), racers);
        return List.of(x.get(30, TimeUnit.SECONDS), y.get(30, TimeUnit.SECONDS));
    }

    private static Api.Reply await(CyclicBarrier start, Supplier<Api.Reply> call) {
        try {
            start.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return call.get();
    }

    @Test
    void rolesComeFromTheUserRecordAtOnceForDemotionAndPromotion() {
        putUser(a(), "T70", "therapist", "Dr. Demoted", "+1 650 555 0170", "Seventy");
        putUser(a(), "P71", "participant", "Writer", "+1 650 555 0171", "Seventyone");
        putUser(a(), "P72", "participant", "Promoted", "+1 650 555 0172", "Seventytwo");
        putUser(a(), "P73", "participant", "Reader", "+1 650 555 0173", "Seventythree");
        String ts = "roles-1";
        assertThat(admin(a(), ADMIN_PATH + ts, session("Roles", "auto", "T70", "P71", "P72", "P73")).status())
                .isEqualTo(200);
        Browser t70 = logIn(a(), "+1 650 555 0170", "Seventy");
        Browser p71 = logIn(a(), "+1 650 555 0171", "Seventyone");
        Browser p72 = logIn(a(), "+1 650 555 0172", "Seventytwo");
        assertThat(t70.via(a()).post(API_PATH + ts + "/enter").status()).isEqualTo(200);
        assertThat(t70.via(a()).post(API_PATH + ts + "/admit/P71").status()).isEqualTo(200);
        assertThat(t70.via(a()).post(API_PATH + ts + "/admit/P72").status()).isEqualTo(200);
        assertThat(p71.via(a()).post(API_PATH + ts + "/enter").status()).isEqualTo(200);
        assertThat(p72.via(a()).post(API_PATH + ts + "/enter").status()).isEqualTo(200);
        long secret = sync(p71.via(a()), ts, "{\"clientId\":\"r-1\",\"type\":\"message\",\"recipients\":[\"P73\"],"
                + "\"body\":\"for Reader only\"}").get("accepted").get(0).get("id").asLong();
        assertThat(eventuallySees(t70.via(b()), ts, "for Reader only")).as("a therapist sees private messages").isTrue();
        assertThat(sees(p72.via(b()), ts, "for Reader only")).isFalse();

        putUser(a(), "T70", "participant", "Dr. Demoted", "+1 650 555 0170", "Seventy");
        putUser(a(), "P72", "therapist", "Promoted", "+1 650 555 0172", "Seventytwo");

        Api demoted = t70.via(b());
        Api promoted = p72.via(b());
        assertThat(demoted.get(API_PATH + ts + "/assessments?participant=P71").status()).isEqualTo(403);
        assertThat(promoted.get(API_PATH + ts + "/assessments?participant=P71").status()).isEqualTo(200);
        assertThat(demoted.put(API_PATH + ts + "/whiteboard", "{\"text\":\"mine\"}").status()).isEqualTo(403);
        assertThat(promoted.put(API_PATH + ts + "/whiteboard", "{\"text\":\"ours\"}").status()).isEqualTo(200);
        assertThat(demoted.post(API_PATH + ts + "/revoke/P71").status()).isEqualTo(403);
        assertThat(demoted.post(API_PATH + ts + "/admit/P73").status()).isEqualTo(403);
        assertThat(sees(demoted, ts, "for Reader only")).as("a demoted therapist no longer sees private messages").isFalse();
        assertThat(sees(promoted, ts, "for Reader only")).as("a promoted participant sees them at once").isTrue();
        assertThat(sync(demoted, ts, "{\"clientId\":\"d-1\",\"type\":\"delete\",\"target\":" + secret + "}")
                .get("rejected")).as("a demoted therapist may not delete others' messages").hasSize(1);
        Api.Reply detail = promoted.get(API_PATH + ts);
        assertThat(member(detail, "T70").get("role").asText()).isEqualTo("participant");
        assertThat(member(detail, "P72").get("role").asText()).isEqualTo("therapist");
        assertThat(promoted.post(API_PATH + ts + "/revoke/P71").status()).isEqualTo(200);
        assertThat(p71.via(a()).get(API_PATH + ts + "/actions?since=0").status()).isEqualTo(403);
        assertThat(promoted.post(API_PATH + ts + "/admit/P71").status()).isEqualTo(200);
        assertThat(demoted.post(API_PATH + ts + "/end").status()).isEqualTo(403);
        assertThat(promoted.post(API_PATH + ts + "/end").status()).isEqualTo(200);
    }

    @Test
    @Timeout(180)
    void aRenamingPutNeverUndoesARevokeItRaced() throws Exception {
        putUser(a(), "T80", "therapist", "Dr. Race", "+1 650 555 0180", "Eighty");
        putUser(a(), "P81", "participant", "Raced", "+1 650 555 0181", "Eightyone");
        String ts = "race-revoke";
        admin(a(), ADMIN_PATH + ts, session("Round 0", "therapist", "T80", "P81"));
        Api therapist = logIn(b(), "+1 650 555 0180", "Eighty").via(b());
        int undone = 0;
        for (int round = 1; round <= 200; round++) {
            assertThat(therapist.post(API_PATH + ts + "/admit/P81").status()).isEqualTo(200);
            String body = session("Round " + round, "therapist", "T80", "P81");
            race(() -> admin(a(), ADMIN_PATH + ts, body), () -> therapist.post(API_PATH + ts + "/revoke/P81"));
            Api.Reply detail = therapist.get(API_PATH + ts);
            assertThat(detail.get("name").asText()).isEqualTo("Round " + round);
            if (member(detail, "P81").get("admitted").asBoolean()) {
                undone++;
            }
        }
        assertThat(undone).as("rounds in which the PUT undid the revoke").isZero();
    }

    @Test
    @Timeout(180)
    void aRenamingPutNeverReopensASessionItRacedTheEndOf() throws Exception {
        putUser(a(), "T90", "therapist", "Dr. End", "+1 650 555 0190", "Ninety");
        Api therapist = logIn(b(), "+1 650 555 0190", "Ninety").via(b());
        int reopened = 0;
        for (int round = 1; round <= 200; round++) {
            String ts = "race-end-" + round;
            admin(a(), ADMIN_PATH + ts, session("Before", "auto", "T90"));
            assertThat(therapist.get(API_PATH + ts).status()).isEqualTo(200);
            String body = session("After", "auto", "T90");
            race(() -> admin(a(), ADMIN_PATH + ts, body), () -> therapist.post(API_PATH + ts + "/end"));
            Api.Reply detail = therapist.get(API_PATH + ts);
            assertThat(detail.get("name").asText()).isEqualTo("After");
            if (!detail.get("status").asText().equals("ended")) {
                reopened++;
            }
        }
        assertThat(reopened).as("sessions open again after a 200 end").isZero();
    }

    @Test
    void disablingThroughOneInstanceEndsTheLoginAndLiveSocketOnTheOther() {
        putUser(a(), "T85", "therapist", "Dr. Eighty", "+1 650 555 0185", "Eighty");
        putUser(a(), "P86", "participant", "Leaver", "+1 650 555 0186", "Eightyone");
        String ts = "disable-1";
        admin(a(), ADMIN_PATH + ts, session("Disable", "auto", "T85", "P86"));
        Browser p71 = logIn(b(), "+1 650 555 0186", "Eightyone");
        assertThat(p71.via(b()).post(API_PATH + ts + "/enter").status()).isEqualTo(200);
        assertThat(p71.via(b()).get("/api/me").status()).as("cached on b").isEqualTo(200);
        try (LiveClient socket = p71.via(b()).live(ts, java.util.Map.of())) {
            assertThat(socket.isOpen()).isTrue();
            assertThat(admin(a(), "/admin/users/P86", "{\"disabled\":true}").status()).isEqualTo(200);
            assertThat(socket.closeCode(5)).isEqualTo(4401);
        }
        assertThat(p71.via(b()).get("/api/me").status()).isEqualTo(401);
        assertThat(p71.via(a()).get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void leavingThroughOneInstanceAndEnteringAgainThroughTheOtherShowsThePresence() {
        putUser(a(), "T60", "therapist", "Dr. Here", "+1 650 555 0160", "Sixty");
        putUser(a(), "P61", "participant", "Wanderer", "+1 650 555 0161", "Sixtyone");
        String ts = "presence-1";
        admin(a(), ADMIN_PATH + ts, session("Presence", "auto", "T60", "P61"));
        Api therapist = logIn(a(), "+1 650 555 0160", "Sixty").via(a());
        assertThat(therapist.post(API_PATH + ts + "/enter").status()).isEqualTo(200);
        Browser p61 = logIn(a(), "+1 650 555 0161", "Sixtyone");
        for (int round = 1; round <= 3; round++) {
            assertThat(p61.via(a()).post(API_PATH + ts + "/enter").status()).isEqualTo(200);
            assertThat(member(therapist.get(API_PATH + ts), "P61").get("present").asBoolean()).isTrue();
            assertThat(p61.via(b()).post(API_PATH + ts + "/leave").status()).isEqualTo(200);
            assertThat(member(therapist.get(API_PATH + ts), "P61").get("present").asBoolean()).isFalse();
        }
        assertThat(p61.via(a()).post(API_PATH + ts + "/enter").status()).isEqualTo(200);
        assertThat(member(therapist.get(API_PATH + ts), "P61").get("present").asBoolean()).isTrue();
        String log = therapist.get(API_PATH + ts + "/actions?since=0").text();
        assertThat(log.split("Wanderer has joined", -1)).as("every entry announced").hasSize(5);
        assertThat(log.split("Wanderer has left", -1)).hasSize(4);
    }

    @Test
    @Timeout(180)
    void aPollInFlightNeverReaddsThePresenceALeaveRemoved() throws Exception {
        putUser(a(), "T50", "therapist", "Dr. Poll", "+1 650 555 0150", "Fifty");
        putUser(a(), "P51", "participant", "Poller", "+1 650 555 0151", "Fiftyone");
        String ts = "presence-race";
        admin(a(), ADMIN_PATH + ts, session("Poll race", "auto", "T50", "P51"));
        Api therapist = logIn(a(), "+1 650 555 0150", "Fifty").via(a());
        Browser p51 = logIn(a(), "+1 650 555 0151", "Fiftyone");
        List<String> readded = new java.util.ArrayList<>();
        for (int round = 1; round <= 200; round++) {
            assertThat(p51.via(a()).post(API_PATH + ts + "/enter").status()).isEqualTo(200);
            Api poller = p51.via(round % 2 == 0 ? a() : b());
            Api leaver = p51.via(round % 2 == 0 ? b() : a());
            List<Api.Reply> replies = race(() -> sync(poller, ts, ""), () -> leaver.post(API_PATH + ts + "/leave"));
            String outcome = "round " + round + ": poll " + replies.get(0).status() + " " + replies.get(0).text()
                    + ", leave " + replies.get(1).status() + " " + replies.get(1).text();
            if (replies.get(1).status() != 200) {
                // a leave refused (e.g. 503 when the database is slow) rightly changes nothing: the client retries it
                System.out.println("presence race, leave not answered 200 (allowed): " + outcome);
            } else if (member(therapist.get(API_PATH + ts), "P51").get("present").asBoolean()) {
                readded.add(outcome);
            }
        }
        assertThat(readded).as("rounds in which the user stayed present after a 200 leave").isEmpty();
    }
}
