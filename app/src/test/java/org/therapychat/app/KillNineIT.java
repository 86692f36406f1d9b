package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 in the middle of a load of writers that resend on failure, then a restart: every
 * acknowledged action is there exactly once, and a resent clientId gets its original id.
 */
class KillNineIT {
    private static final String SESSION = "/api/therapy-sessions/demo-week-1";
    private static final int WRITERS = 4;
    private static final int PER_WRITER = 60;

    @Test
    @Timeout(240)
    void everyAcknowledgedActionSurvivesKillNineExactlyOnce() throws Exception {
        Path data = Files.createTempDirectory("therapychat-kill9");
        try (AppProcess app = new AppProcess(data, Map.of()).start()) {
            List<Api> writers = app.logInWriters(WRITERS);
            Map<String, Long> acknowledged = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Api writer = writers.get(w);
                String prefix = "w" + w + "-";
                runs.add(pool.submit(() -> write(writer, prefix, acknowledged)));
            }
            // Kill mid-stream: once a third is acknowledged, whatever the machine's speed.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged.size() < WRITERS * PER_WRITER / 3 && System.nanoTime() < deadline) {
                AppProcess.sleep(5);
            }
            app.killNine();
            int ackedBeforeKill = acknowledged.size();
            app.start();
            int failures = 0;
            for (Future<Integer> run : runs) {
                failures += run.get(180, TimeUnit.SECONDS);
            }
            pool.shutdown();

            System.out.printf("kill -9 fault: %d actions acknowledged (%d before the kill), %d failed attempts retried%n",
                    acknowledged.size(), ackedBeforeKill, failures);
            assertThat(acknowledged).hasSize(WRITERS * PER_WRITER);
            assertThat(failures).as("the kill must have interrupted some writes").isPositive();
            for (int w = 0; w < WRITERS; w++) {
                assertResendsKeepTheirIds(writers.get(w), "w" + w + "-", acknowledged);
            }
            assertExportHasEachExactlyOnce(new Api(app.port()), acknowledged);
        }
    }

    /** Sends one action at a time; on any failure resends the same clientId until it is acknowledged. */
    private static int write(Api writer, String prefix, Map<String, Long> acknowledged) {
        int failures = 0;
        for (int i = 0; i < PER_WRITER; i++) {
            String clientId = prefix + i;
            while (true) {
                try {
                    Api.Reply reply = writer.post(SESSION + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\""
                            + clientId + "\",\"type\":\"message\",\"body\":\"message " + clientId + "\"}]}");
                    if (reply.status() == 200 && reply.get("accepted").size() == 1) {
                        acknowledged.put(clientId, reply.get("accepted").get(0).get("id").asLong());
                        break;
                    }
                    failures++;
                } catch (RuntimeException connectionRefused) {
                    failures++;
                }
                AppProcess.sleep(50);
            }
        }
        return failures;
    }

    private static void assertResendsKeepTheirIds(Api writer, String prefix, Map<String, Long> acknowledged) {
        StringBuilder queue = new StringBuilder();
        for (int i = 0; i < PER_WRITER; i++) {
            queue.append(i == 0 ? "" : ",").append("{\"clientId\":\"").append(prefix).append(i)
                    .append("\",\"type\":\"message\",\"body\":\"message ").append(prefix).append(i).append("\"}");
        }
        Api.Reply reply = writer.post(SESSION + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[" + queue + "]}");
        assertThat(reply.status()).isEqualTo(200);
        for (JsonNode accepted : reply.get("accepted")) {
            assertThat(accepted.get("id").asLong()).isEqualTo(acknowledged.get(accepted.get("clientId").asText()));
        }
        assertThat(reply.get("accepted")).hasSize(PER_WRITER);
    }

    private static void assertExportHasEachExactlyOnce(Api admin, Map<String, Long> acknowledged) {
        Api.Reply export = admin.get("/admin/therapy-sessions/demo-week-1/export", RunningAppAuth.ADMIN);
        Map<String, Integer> copies = new HashMap<>();
        for (JsonNode action : export.get("actions")) {
            if (action.has("clientId")) {
                copies.merge(action.get("clientId").asText(), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
            assertThat(copies.get(ack.getKey())).as(ack.getKey()).isEqualTo(1);
        }
    }
}
