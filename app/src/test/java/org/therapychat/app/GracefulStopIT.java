package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM in the middle of a load of syncing clients: every request the server accepted is
 * answered (a connection refused after the stop is fine: the client's queue sends it again
 * elsewhere or later), and every acknowledged action is stored exactly once.
 */
class GracefulStopIT {
    private static final String SESSION = "/api/therapy-sessions/demo-week-1";
    private static final int WRITERS = 4;

    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger failedAnswers = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    /** Requests without an answer or a refusal, by client id, with what the client saw. */
    private final Map<String, String> cut = new ConcurrentHashMap<>();

    @Test
    @Timeout(180)
    void sigtermMidLoadFailsNoAcceptedRequest() throws Exception {
        Path data = Files.createTempDirectory("therapychat-sigterm");
        try (AppProcess app = new AppProcess(data, Map.of()).start()) {
            List<Api> writers = app.logInWriters(WRITERS);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> runs = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Api writer = writers.get(w);
                String prefix = "w" + w + "-";
                runs.add(pool.submit(() -> syncUntilRefused(writer, prefix)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (answered.get() < 200 && System.nanoTime() < deadline) {
                AppProcess.sleep(5);
            }
            Duration took = app.terminate(Duration.ofSeconds(30));
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            System.out.printf("SIGTERM under %d syncing clients: %d answered, %d failed answers, %d cut, %d refused after"
                    + " the stop; exited in %d ms with code %d%n", WRITERS, answered.get(), failedAnswers.get(), cut.size(),
                    refused.get(), took.toMillis(), app.exitCode());
            int exit = app.exitCode();
            boolean stopped = String.join("\n", app.output()).contains("stopped");
            app.start();
            assertStoredExactlyOnce(new Api(app.port()));
            assertThat(failedAnswers.get()).as("accepted requests answered with an error").isZero();
            assertThat(cut).as("accepted requests whose connection was cut").isEmpty();
            assertThat(refused.get()).as("every writer ends refused").isEqualTo(WRITERS);
            assertThat(stopped).isTrue();
            assertThat(exit).as("a clean graceful stop is a success (issue 21 B.12), not 143").isZero();
        }
    }

    private void syncUntilRefused(Api writer, String prefix) {
        for (int i = 0; ; i++) {
            String clientId = prefix + i;
            try {
                Api.Reply reply = writer.post(SESSION + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\""
                        + clientId + "\",\"type\":\"message\",\"body\":\"message " + clientId + "\"}]}");
                if (reply.status() == 200 && reply.get("accepted").size() == 1) {
                    acknowledged.put(clientId, reply.get("accepted").get(0).get("id").asLong());
                    answered.incrementAndGet();
                } else {
                    failedAnswers.incrementAndGet();
                    System.out.println("failed answer: " + reply.status() + " " + reply.text());
                }
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof ConnectException) {
                    refused.incrementAndGet();
                    return;
                }
                cut.put(clientId, String.valueOf(e.getCause()));
                return;
            }
        }
    }

    private void assertStoredExactlyOnce(Api admin) {
        Api.Reply export = admin.get("/admin/therapy-sessions/demo-week-1/export", RunningAppAuth.ADMIN);
        Map<String, Integer> copies = new ConcurrentHashMap<>();
        for (JsonNode action : export.get("actions")) {
            if (action.has("clientId")) {
                copies.merge(action.get("clientId").asText(), 1, Integer::sum);
            }
        }
        assertThat(acknowledged).isNotEmpty();
        cut.forEach((id, why) -> System.out.printf("cut: %s (%s), stored %d times%n", id, why, copies.getOrDefault(id, 0)));
        acknowledged.keySet().forEach(id -> assertThat(copies.get(id)).as(id).isEqualTo(1));
    }
}
