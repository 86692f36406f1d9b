package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.therapychat.redcap.RedcapStub;

/**
 * Issue 23's figures, printed: 1,000 participants (and 20 therapists) in 200 sessions synced from a
 * loopback REDCap into the real app on its embedded database — the first sync (3,000 survey links
 * asked for), an unchanged sync (API calls and time), and a Data Entry Trigger until the participant's
 * list shows the survey complete. {@code bin/bench-redcap} runs it alone.
 */
class RedcapScaleTest {
    private static final String[] AREAS = {"650", "415", "408", "510", "212", "312", "617", "206", "303", "512", "202"};

    @Test
    void aThousandParticipantsInTwoHundredSessionsSyncWithinFiveSeconds() {
        DateTimeFormatter ts = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        Instant now = Instant.now();
        try (RedcapStub redcap = RedcapStub.emptyTemplate()) {
            for (int t = 0; t < 20; t++) {
                redcap.person("T" + t, "Therapist " + t, "Therapist" + t, phone(1000 + t), true);
            }
            for (int p = 0; p < 1000; p++) {
                redcap.person(Integer.toString(100 + p), "Participant " + p, "Last" + p, phone(p), false);
            }
            for (int s = 0; s < 200; s++) {
                StringBuilder members = new StringBuilder();
                for (int k = 0; k < 5; k++) {
                    String id = Integer.toString(100 + s * 5 + k);
                    members.append(k == 0 ? "" : ", ").append(id);
                    redcap.instance(id, "TS" + s);
                }
                redcap.session("TS" + s, "Group " + s, ts.format(now.plusSeconds(86_400L * (1 + s % 30)).atZone(ZoneId.of("UTC"))),
                        "T" + (s % 20), members.toString(), "location, GAD7", "PHQ9");
            }
            long started = System.nanoTime();
            try (RunningApp app = new RunningApp(Map.of("DIRECTORY", "redcap", "REDCAP_API_URL", redcap.apiUrl().toString(),
                    "REDCAP_API_TOKEN", RedcapStub.TOKEN, "REDCAP_DET_KEY", "det-key-0123456789abcdef",
                    "REDCAP_SYNC_SECONDS", "3600"))) {
                Api admin = app.client();
                JsonNode first = waitFor(admin, s -> !s.get("lastSyncAt").isNull() || s.get("failures").asInt() > 0, 180);
                assertThat(first.get("error").isNull()).as("first sync: %s", first).isTrue();
                long sinceStart = (System.nanoTime() - started) / 1_000_000;
                assertThat(first.get("counts").get("people").asInt()).isEqualTo(1020);
                assertThat(first.get("counts").get("sessions").asInt()).isEqualTo(200);
                assertThat(first.get("skipped")).isEmpty();
                int firstCalls = redcap.calls();
                // links past the first read's budget come with the next reads, at once
                waitFor(admin, s -> redcap.calls("surveyLink") >= 3000
                        && Instant.parse(s.get("nextAttemptAt").asText()).isAfter(Instant.now().plusSeconds(600)), 180);
                long allLinks = (System.nanoTime() - started) / 1_000_000;

                String last = waitFor(admin, s -> true, 1).get("lastSyncAt").asText();
                int before = redcap.calls();
                admin.write("POST", "/admin/redcap/sync", "", Map.of("Authorization", "Bearer " + RunningApp.ADMIN_TOKEN));
                JsonNode second = waitFor(admin, s -> !s.get("lastSyncAt").asText().equals(last), 60);
                int unchangedCalls = redcap.calls() - before;

                Api ana = app.logIn("+1 650 555 0100", "Last0");
                redcap.complete("100", "TS0", "gad7");
                long posted = System.nanoTime();
                app.client().raw(HttpRequest.newBuilder(URI.create(admin.base() + "/redcap/det?key=det-key-0123456789abcdef"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("record=100&instrument=gad7&redcap_event_name=assessments_arm_2")));
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!ana.get("/api/therapy-sessions").text().contains("\"name\":\"gad7\",\"due\":\"pre\",\"status\":\"complete\"")) {
                    assertThat(System.nanoTime()).as("gad7 complete within 30 s").isLessThan(deadline);
                    sleep(10);
                }
                long detMs = (System.nanoTime() - posted) / 1_000_000;

                System.out.printf("REDCap sync of 1,000 participants + 20 therapists in 200 sessions (embedded H2): "
                        + "first sync %d ms (%d API calls: 1 export + %d survey links; %d ms from app start; all 3,000 "
                        + "links in place %d ms from app start), unchanged sync %d ms with %d API call(s) and %d changes, "
                        + "DET to participant's list %d ms%n",
                        first.get("lastSyncMillis").asLong(), firstCalls, firstCalls - 1, sinceStart, allLinks,
                        second.get("lastSyncMillis").asLong(), unchangedCalls, second.get("lastChanges").asInt(), detMs);
                // the goal is 5 s on a quiet machine; this one is shared: the bound grows with the load per core
                double load = loadPerCore();
                long bound = (long) (5_000 * Math.max(1, load));
                System.out.printf("load average per core while measuring: %.1f (bound %d ms)%n", load, bound);
                assertThat(first.get("lastSyncMillis").asLong()).isLessThan(bound);
                assertThat(unchangedCalls).isLessThanOrEqualTo(3);
                assertThat(second.get("lastChanges").asInt()).isZero();
                assertThat(detMs).isLessThan(2_000);
            }
        }
    }

    private static double loadPerCore() {
        try {
            String avg = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
            return Double.parseDouble(avg) / Runtime.getRuntime().availableProcessors();
        } catch (java.io.IOException | RuntimeException e) {
            return 1;
        }
    }

    private static String phone(int n) {
        return "+1 " + AREAS[n / 100] + " 555 01" + String.format("%02d", n % 100);
    }

    private static JsonNode waitFor(Api admin, java.util.function.Predicate<JsonNode> done, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            JsonNode status = admin.get("/admin/redcap", Map.of("Authorization", "Bearer " + RunningApp.ADMIN_TOKEN)).json();
            if (done.test(status)) {
                return status;
            }
            assertThat(System.nanoTime()).as("waited %d s; last status %s", seconds, status).isLessThan(deadline);
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
