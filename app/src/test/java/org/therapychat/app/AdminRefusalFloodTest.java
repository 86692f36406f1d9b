package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 B5: a logged-in participant who floods {@code /admin} cannot bury the audit trail, and
 * nothing they choose (ids, newlines, labels) reaches it. Figures printed; the flood lasts
 * {@code -Dflood.seconds} (4 by default; the finding's 60 s with {@code -Dflood.seconds=60}).
 */
class AdminRefusalFloodTest {
    private static final List<String> FORGED = List.of("/admin/users/P1%0A2026-12-04%20token%20user.put%20P1%20ok",
            "/admin/therapy-sessions/x%0Ay/assessments/P2", "/admin/no/such%20thing", "/admin/users/import");
    private static final List<String> TEMPLATES = List.of("GET /admin/users/:userId",
            "GET /admin/therapy-sessions/:tsId/assessments/:userId", "GET /admin/(no such route)", "GET /admin/users/import");
    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.relaxed();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aParticipantsFloodLeavesAFewEntriesNamingRouteTemplatesOnly() throws Exception {
        Api participant = app.logIn("+1 650 555 0101", "Smith");
        long head = lastId();
        for (String path : FORGED) {
            assertThat(participant.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(refusals(head)).extracting(e -> e.get("target").asText()).as("each call by its route template")
                .containsExactlyElementsOf(TEMPLATES);

        int seconds = Integer.getInteger("flood.seconds", 4);
        AtomicLong sent = new AtomicLong(FORGED.size());
        long started = System.nanoTime();
        long until = started + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> floods = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                floods.add(pool.submit(() -> {
                    for (int i = offset; System.nanoTime() < until; i++) {
                        assertThat(participant.get(FORGED.get(i % FORGED.size()) + i).status()).isEqualTo(403);
                        sent.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : floods) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<JsonNode> recorded = refusals(head);
        long minutes = (long) Math.ceil(elapsed / 60) + 1;
        long bound = minutes * (10 + 1 + 64 - Long.numberOfLeadingZeros(sent.get()));
        System.out.printf("flood: %d refused admin calls by one participant in %.1f s left %d audit entries (bound %d)%n",
                sent.get(), elapsed, recorded.size(), bound);
        assertThat(recorded.size()).as("entries for %d refusals", sent.get()).isLessThanOrEqualTo((int) bound);
        assertThat(recorded).extracting(e -> e.get("actor").asText()).containsOnly("P1");
        assertThat(recorded).extracting(e -> e.get("target").asText()).allSatisfy(target -> assertThat(
                TEMPLATES.contains(target) || target.matches("[0-9]+ (more )?refusals (over the limit this minute|not recorded)"))
                .as(target).isTrue());
        assertThat(recorded).extracting(e -> e.get("target").asText()).anyMatch(t -> t.endsWith("over the limit this minute"));
    }

    private static long lastId() {
        List<JsonNode> all = entriesAfter(0);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).get("id").asLong();
    }

    private static List<JsonNode> refusals(long after) {
        return entriesAfter(after).stream().filter(e -> e.get("action").asText().equals("admin.refused")).toList();
    }

    private static List<JsonNode> entriesAfter(long after) {
        List<JsonNode> out = new ArrayList<>();
        long since = after;
        for (;;) {
            JsonNode page = app.client().get("/admin/audit?since=" + since, RunningAppAuth.ADMIN).get("entries");
            page.forEach(out::add);
            if (page.size() < 1000) {
                return out;
            }
            since = page.get(page.size() - 1).get("id").asLong();
        }
    }
}
