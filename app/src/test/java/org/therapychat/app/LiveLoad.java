package org.therapychat.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.therapychat.app.LoadClient.Reply;

/**
 * The live side of the load benchmark ({@code -Dlive=true|refused}): each participant's cursor,
 * its socket (reacting to wakes as the browser client does: apply a frame that follows on from
 * the cursor, else sync, one sync in flight), and the delivery bookkeeping — for every message
 * the time from the sender's acknowledgement to each other member's first sight of it.
 */
final class LiveLoad implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int participants;
    private final int perSession;
    private final long[] maxIds;
    private final IntFunction<CompletableFuture<Reply>> sync;
    private final boolean[] syncing;
    private final boolean[] again;
    private final WebSocketClient sockets = new WebSocketClient();
    private final List<Session> open = new ArrayList<>();

    private final Histogram delivery = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
    private final Map<Long, Long> ackedAt = new ConcurrentHashMap<>();
    private final Map<Long, List<Long>> seenBeforeAck = new ConcurrentHashMap<>();
    private final Map<Long, Set<Integer>> seenBy = new ConcurrentHashMap<>();
    final AtomicLong wakes = new AtomicLong();
    final AtomicLong framesApplied = new AtomicLong();
    final AtomicLong wakeSyncs = new AtomicLong();
    final AtomicLong closedByServer = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile boolean counting;
    private volatile long trackUntil = Long.MAX_VALUE;

    LiveLoad(int participants, int perSession, long[] maxIds, IntFunction<CompletableFuture<Reply>> sync) throws Exception {
        this.participants = participants;
        this.perSession = perSession;
        this.maxIds = maxIds;
        this.sync = sync;
        this.syncing = new boolean[participants];
        this.again = new boolean[participants];
        sockets.setMaxIdleTimeout(TimeUnit.MINUTES.toMillis(10));
        sockets.start();
    }

    /** Opens every participant's socket (at most 256 handshakes at once); answers how many opened. */
    int connect(String wsBase, String[] cookies) throws Exception {
        Semaphore inFlight = new Semaphore(256);
        List<CompletableFuture<Session>> all = new ArrayList<>();
        for (int p = 0; p < participants; p++) {
            inFlight.acquire();
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            request.setHeader("Cookie", "tc_session=" + cookies[p]);
            CompletableFuture<Session> opened = new CompletableFuture<>();
            int who = p;
            sockets.connect(new Listener(who, opened), URI.create(wsBase + "/api/live?ts=S" + (p / perSession)), request);
            all.add(opened.whenComplete((s, e) -> inFlight.release()));
        }
        int ok = 0;
        for (CompletableFuture<Session> f : all) {
            try {
                open.add(f.get(60, TimeUnit.SECONDS));
                ok++;
            } catch (Exception refused) {
                // counted by the caller as not opened
            }
        }
        return ok;
    }

    /** From now on, messages acknowledged are tracked until {@link #report}. */
    void startCounting() {
        seenBeforeAck.clear();
        wakes.set(0);
        framesApplied.set(0);
        wakeSyncs.set(0);
        counting = true;
    }

    /** Messages acknowledged after this (System.nanoTime) are not tracked: nobody could see them in time. */
    void trackUntil(long nanos) {
        trackUntil = nanos;
    }

    /** The sender's sync answer acknowledged message {@code id}. */
    void acked(long id, long atNanos) {
        if (!counting || atNanos > trackUntil) {
            return;
        }
        synchronized (delivery) {
            ackedAt.put(id, atNanos);
            List<Long> early = seenBeforeAck.remove(id);
            if (early != null) {
                early.forEach(t -> delivery.recordValue(Math.max(0, (t - atNanos) / 1000)));
            }
        }
    }

    /** A sync or poll answer for participant {@code who}: what it brings that the cursor had not reached. */
    void answered(int who, String body, long atNanos) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            return;
        }
        synchronized (lock(who)) {
            long max = maxIds[who];
            for (JsonNode a : answer.path("data")) {
                if (a.get("id").asLong() > max) {
                    seen(who, a, atNanos);
                }
            }
            maxIds[who] = Math.max(max, answer.path("maxID").asLong());
        }
    }

    private void wake(int who, String text) {
        long now = System.nanoTime();
        wakes.incrementAndGet();
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        synchronized (lock(who)) {
            long max = maxIds[who];
            long frameMax = frame.path("maxID").asLong();
            if (frameMax <= max) {
                return;
            }
            if (frame.has("data") && frame.path("after").asLong() <= max) {
                for (JsonNode a : frame.get("data")) {
                    if (a.get("id").asLong() > max) {
                        seen(who, a, now);
                    }
                }
                maxIds[who] = frameMax;
                framesApplied.incrementAndGet();
                return;
            }
            if (syncing[who]) {
                again[who] = true;
                return;
            }
            syncing[who] = true;
        }
        wakeSync(who);
    }

    private void wakeSync(int who) {
        wakeSyncs.incrementAndGet();
        sync.apply(who).whenComplete((r, e) -> {
            if (e == null && r.status() == 200) {
                answered(who, r.body(), System.nanoTime());
            }
            boolean more;
            synchronized (lock(who)) {
                more = again[who];
                again[who] = false;
                syncing[who] = more;
            }
            if (more) {
                wakeSync(who);
            }
        });
    }

    private void seen(int who, JsonNode action, long atNanos) {
        if (!counting || !"message".equals(action.path("type").asText()) || action.path("user").asText().equals("U" + who)) {
            return;
        }
        long id = action.get("id").asLong();
        if (!seenBy.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(who)) {
            duplicates.incrementAndGet();
            return;
        }
        synchronized (delivery) {
            Long acked = ackedAt.get(id);
            if (acked != null) {
                delivery.recordValue(Math.max(0, (atNanos - acked) / 1000));
            } else {
                seenBeforeAck.computeIfAbsent(id, k -> new ArrayList<>()).add(atNanos);
            }
        }
    }

    private Object lock(int who) {
        return locks[who % locks.length];
    }

    private final Object[] locks = newLocks(1024);

    private static Object[] newLocks(int n) {
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Object();
        }
        return out;
    }

    void report() {
        synchronized (delivery) {
            long expected = (long) ackedAt.size() * (perSession - 1);
            long delivered = ackedAt.keySet().stream().mapToLong(id -> seenBy.getOrDefault(id, Set.of()).size()).sum();
            System.out.printf("delivery ms (sender's ack → each other member has it): p50=%.2f p95=%.2f p99=%.2f max=%.2f%n",
                    delivery.getValueAtPercentile(50) / 1000.0, delivery.getValueAtPercentile(95) / 1000.0,
                    delivery.getValueAtPercentile(99) / 1000.0, delivery.getMaxValue() / 1000.0);
            System.out.printf("deliveries: %d of %d expected (%d messages × %d other members), missed %d, duplicates %d%n",
                    delivered, expected, ackedAt.size(), perSession - 1, expected - delivered, duplicates.get());
            System.out.printf("wake frames %d (applied as they came %d), syncs made for a wake %d, sockets closed by the server %d%n",
                    wakes.get(), framesApplied.get(), wakeSyncs.get(), closedByServer.get());
        }
    }

    @Override
    public void close() throws Exception {
        for (Session s : open) {
            s.close();
        }
        sockets.stop();
    }

    private final class Listener implements WebSocketListener {
        private final int who;
        private final CompletableFuture<Session> opened;

        Listener(int who, CompletableFuture<Session> opened) {
            this.who = who;
            this.opened = opened;
        }

        @Override
        public void onWebSocketConnect(Session session) {
            opened.complete(session);
        }

        @Override
        public void onWebSocketText(String message) {
            wake(who, message);
        }

        @Override
        public void onWebSocketBinary(byte[] payload, int offset, int len) {
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            if (opened.isDone()) {
                closedByServer.incrementAndGet();
            }
            opened.completeExceptionally(new IllegalStateException("closed " + statusCode));
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            opened.completeExceptionally(cause);
        }
    }
}
