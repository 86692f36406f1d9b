package org.therapychat.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Participants' browsers behind a load balancer, doing what {@code chat.js} and {@code live.js} do:
 * each keeps its cursor and its action queue (every action with a clientId, resent as it is until
 * acknowledged), holds a live socket (frames applied or turned into one sync in flight; reconnect
 * after live.js's backoff — 1 s doubling to 30 s, ±50 %, reset by a connection that lasted 10 s —
 * and a sync on every (re)open), polls every 25 s while the socket is open and 5 s otherwise, and
 * retries a failed sync after a second. The bookkeeping: every acknowledgement (and whether a
 * resend ever got another id), who saw which message when, and how long sockets were down.
 */
final class Browsers implements AutoCloseable {
    static final long LIVE_POLL_MS = 25_000;
    static final long POLL_MS = 5_000;
    static final long RETRY_MS = 1_000;
    static final long STABLE_MS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadClient http;
    private final WebSocketClient sockets = new WebSocketClient();
    private final String wsBase;
    private final String origin;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final List<Browser> browsers = new ArrayList<>();
    private final int perSession;
    private volatile boolean closing;
    private Future<?> sending;

    final Map<String, Long> acked = new ConcurrentHashMap<>();
    private final Map<String, String> sessionOf = new ConcurrentHashMap<>();
    private final Map<Long, Long> ackedAt = new ConcurrentHashMap<>();
    private final Map<Long, List<Long>> seenBeforeAck = new ConcurrentHashMap<>();
    private final Map<Long, Set<Integer>> seenBy = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<long[]> deliveries = new ConcurrentLinkedQueue<>();
    /** {down since, reopened, attempts} per outage of a socket, nanos. */
    final ConcurrentLinkedQueue<long[]> reconnects = new ConcurrentLinkedQueue<>();
    final Map<Integer, AtomicLong> closeCodes = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    final AtomicLong failedRequests = new AtomicLong();
    final AtomicLong recoveredFailures = new AtomicLong();
    final AtomicLong longestFailingStreak = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong changedIds = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong framesApplied = new AtomicLong();
    final AtomicLong wakeSyncs = new AtomicLong();
    /** Syncs made again because a wake's sync came back short of what it announced. */
    final AtomicLong followUpSyncs = new AtomicLong();
    final AtomicLong syncs = new AtomicLong();
    private final AtomicLong messageNumbers = new AtomicLong();
    private final Histogram syncLatency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);

    /** @param cookies one login session per participant; participant i is in session {@code sessionPrefix + i / perSession} */
    Browsers(String base, String[] cookies, String sessionPrefix, int perSession, int connections) throws Exception {
        this.http = new LoadClient(base, connections);
        this.wsBase = base.replace("http://", "ws://");
        this.origin = base;
        this.perSession = perSession;
        sockets.setMaxIdleTimeout(TimeUnit.MINUTES.toMillis(10));
        sockets.start();
        for (int i = 0; i < cookies.length; i++) {
            browsers.add(new Browser(i, cookies[i], sessionPrefix + (i / perSession)));
        }
    }

    /** Opens every socket (spread over a second) and starts polling. */
    void start() {
        for (Browser b : browsers) {
            timer.schedule(b::connect, ThreadLocalRandom.current().nextLong(1000), TimeUnit.MILLISECONDS);
            b.nextPollAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(POLL_MS));
        }
        timer.scheduleAtFixedRate(this::pollDue, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** Sockets open now. */
    long open() {
        return browsers.stream().filter(b -> b.open).count();
    }

    /** Messages at {@code perSecond} from random participants, clientIds {@code prefix}N, until {@link #stopSending()}. */
    void sendMessages(String prefix, double perSecond) {
        sending = timer.scheduleAtFixedRate(() -> {
            Browser b = browsers.get(ThreadLocalRandom.current().nextInt(browsers.size()));
            String clientId = prefix + messageNumbers.incrementAndGet();
            sessionOf.put(clientId, b.session);
            synchronized (b) {
                b.queue.put(clientId, "{\"clientId\":\"" + clientId + "\",\"type\":\"message\",\"recipients\":[],\"body\":\"m "
                        + clientId + "\"}");
            }
            b.sync("send");
        }, 0, (long) (1_000_000 / perSecond), TimeUnit.MICROSECONDS);
    }

    void stopSending() {
        if (sending != null) {
            sending.cancel(false);
        }
    }

    /** Waits until every queue is empty and no sync is in flight; false if that takes longer than {@code seconds}. */
    boolean awaitQuiet(int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (browsers.stream().allMatch(Browser::quiet)) {
                return true;
            }
            AppProcess.sleep(100);
        }
        return false;
    }

    /** One more sync by everyone (what the next poll would do), then quiet. */
    boolean syncEveryone(int seconds) {
        browsers.forEach(Browser::sync);
        return awaitQuiet(seconds);
    }

    /** Messages still in some queue. */
    long unacknowledged() {
        long n = 0;
        for (Browser b : browsers) {
            synchronized (b) {
                n += b.queue.size();
            }
        }
        return n;
    }

    /** clientIds acknowledged, by therapy session. */
    Map<String, List<String>> ackedBySession() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        acked.keySet().forEach(c -> out.computeIfAbsent(sessionOf.get(c), k -> new ArrayList<>()).add(c));
        return out;
    }

    /** Deliveries of acknowledged messages that some other member of their session never got. */
    long missedDeliveries() {
        long missed = 0;
        for (long id : ackedAt.keySet()) {
            missed += (perSession - 1) - seenBy.getOrDefault(id, Set.of()).size();
        }
        return missed;
    }

    long expectedDeliveries() {
        return (long) ackedAt.size() * (perSession - 1);
    }

    /** Delivery times (sender's ack → another member has it) of messages acknowledged in [from, to), nanos. */
    Histogram deliveryBetween(long from, long to) {
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        for (long[] d : deliveries) {
            if (d[0] >= from && d[0] < to) {
                h.recordValue(Math.min(d[1], h.getHighestTrackableValue()));
            }
        }
        return h;
    }

    /** Latency of the answered syncs since the last call (µs), and a fresh start. */
    Histogram takeSyncLatency() {
        synchronized (syncLatency) {
            Histogram copy = syncLatency.copy();
            syncLatency.reset();
            return copy;
        }
    }

    private void pollDue() {
        long now = System.nanoTime();
        for (Browser b : browsers) {
            if (now >= b.nextPollAt) {
                b.sync("poll");
            }
        }
    }

    private void acknowledged(String clientId, long id, long at) {
        Long before = acked.putIfAbsent(clientId, id);
        if (before != null) {
            if (before != id) {
                changedIds.incrementAndGet();
                System.out.printf("a resend of %s got id %d, first %d%n", clientId, id, before);
            }
            return;
        }
        synchronized (deliveries) {
            ackedAt.put(id, at);
            List<Long> early = seenBeforeAck.remove(id);
            if (early != null) {
                early.forEach(t -> deliveries.add(new long[] {at, 0}));
            }
        }
    }

    /** Deliveries that took over 5 s: which message, to whom, how, and what that browser's socket was doing. */
    final ConcurrentLinkedQueue<String> slow = new ConcurrentLinkedQueue<>();

    private void seen(int who, JsonNode action, long at, String via) {
        if (!"message".equals(action.path("type").asText())) {
            return;
        }
        // Other members never see a message's clientId (only its author does): this run's messages say theirs in the body.
        String body = action.path("body").asText("");
        if (!body.startsWith("m ") || !sessionOf.containsKey(body.substring(2))
                || action.path("user").asText().equals(browsers.get(who).userId())) {
            return;
        }
        long id = action.get("id").asLong();
        if (!seenBy.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(who)) {
            duplicates.incrementAndGet();
            return;
        }
        synchronized (deliveries) {
            Long ack = ackedAt.get(id);
            if (ack != null) {
                deliveries.add(new long[] {ack, Math.max(0, (at - ack) / 1000)});
                if (at - ack > TimeUnit.SECONDS.toNanos(5) && slow.size() < 20) {
                    Browser b = browsers.get(who);
                    slow.add(String.format("message %d in %s by %s reached U%d after %d ms by %s; its socket %s since %d ms",
                            id, b.session, action.path("user").asText(), who, (at - ack) / 1_000_000, via,
                            b.open ? "open" : "closed", (at - b.openedAt) / 1_000_000));
                }
            } else {
                seenBeforeAck.computeIfAbsent(id, k -> new ArrayList<>()).add(at);
            }
        }
    }

    private static int backoffMillis(int attempt) {
        long base = Math.min(30_000, 1000L << Math.min(attempt, 5));
        return (int) Math.round(base * (0.5 + ThreadLocalRandom.current().nextDouble()));
    }

    @Override
    public void close() throws Exception {
        closing = true;
        timer.shutdownNow();
        for (Browser b : browsers) {
            Session s = b.socket;
            if (s != null && s.isOpen()) {
                s.close();
            }
        }
        sockets.stop();
        http.close();
    }

    private final class Browser {
        final int who;
        final String cookie;
        final String session;
        final LinkedHashMap<String, String> queue = new LinkedHashMap<>();
        long maxId;
        boolean syncing;
        boolean again;
        long failingSince;
        int failedInARow;
        volatile long nextPollAt;
        volatile boolean open;
        volatile Session socket;
        long openedAt;
        long downSince;
        int attempt;
        int attemptsSinceDown;
        boolean stopped;

        Browser(int who, String cookie, String session) {
            this.who = who;
            this.cookie = cookie;
            this.session = session;
        }

        String userId() {
            return "U" + who;
        }

        synchronized boolean quiet() {
            return !syncing && queue.isEmpty();
        }

        void sync() {
            sync("other");
        }

        /** Why the sync in flight was made (poll, wake, open, send): for the slow-delivery lines. */
        String why = "";

        void sync(String reason) {
            synchronized (this) {
                why = syncing ? why + "+" + reason : reason;
                if (syncing) {
                    again = true;
                    return;
                }
                syncing = true;
            }
            send();
        }

        private void send() {
            if (closing) {
                return;
            }
            String body;
            synchronized (this) {
                again = false;
                body = "{\"maxID\":" + maxId + ",\"actionQueue\":[" + String.join(",", queue.values()) + "]}";
                nextPollAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(open ? LIVE_POLL_MS : POLL_MS);
            }
            syncs.incrementAndGet();
            long sent = System.nanoTime();
            CompletableFuture<LoadClient.Reply> reply = http.send(HttpMethod.POST,
                    "/api/therapy-sessions/" + session + "/actions/sync", "tc_session=" + cookie, body);
            reply.whenComplete((r, e) -> {
                if (e == null && r.status() == 200) {
                    long micros = (System.nanoTime() - sent) / 1000;
                    synchronized (syncLatency) {
                        syncLatency.recordValue(Math.min(micros, syncLatency.getHighestTrackableValue()));
                    }
                    answered(r.body());
                } else {
                    failed(e != null ? e.getClass().getSimpleName() : r.status() + " " + r.body().replaceAll("\\s+", " "));
                }
            });
        }

        private void failed(String why) {
            failedRequests.incrementAndGet();
            failures.computeIfAbsent(why.length() > 120 ? why.substring(0, 120) : why, k -> new AtomicLong()).incrementAndGet();
            synchronized (this) {
                if (failingSince == 0) {
                    failingSince = System.nanoTime();
                }
                failedInARow++;
                longestFailingStreak.accumulateAndGet(failedInARow, Math::max);
            }
            // The same queue again (plus whatever was added since), as the client does after a failed poll.
            if (!closing) {
                timer.schedule(this::send, RETRY_MS, TimeUnit.MILLISECONDS);
            }
        }

        private void answered(String body) {
            long at = System.nanoTime();
            JsonNode answer;
            try {
                answer = JSON.readTree(body);
            } catch (IOException e) {
                failed("unreadable answer");
                return;
            }
            boolean more;
            synchronized (this) {
                for (JsonNode a : answer.path("accepted")) {
                    String clientId = a.path("clientId").asText();
                    queue.remove(clientId);
                    acknowledged(clientId, a.path("id").asLong(), at);
                }
                for (JsonNode r : answer.path("rejected")) {
                    queue.remove(r.path("clientId").asText());
                    rejected.incrementAndGet();
                    System.out.println("rejected: " + r);
                }
                for (JsonNode a : answer.path("data")) {
                    if (a.path("id").asLong() > maxId) {
                        seen(who, a, at, "sync (" + why + ")");
                    }
                }
                maxId = Math.max(maxId, answer.path("maxID").asLong());
                if (failingSince != 0) {
                    recoveredFailures.incrementAndGet();
                    failingSince = 0;
                    failedInARow = 0;
                }
                more = again;
                syncing = more;
                if (!more) {
                    if (promised > maxId && followUps < 4) {
                        // behind nginx the sync may have reached an instance that had not heard of it yet
                        followUpSyncs.incrementAndGet();
                        long delay = 250L << followUps++;
                        timer.schedule(() -> sync("follow-up"), delay, TimeUnit.MILLISECONDS);
                    } else {
                        promised = 0;
                        followUps = 0;
                    }
                }
            }
            if (more) {
                send();
            }
        }

        void wake(String text) {
            long at = System.nanoTime();
            JsonNode frame;
            try {
                frame = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            synchronized (this) {
                long frameMax = frame.path("maxID").asLong();
                if (frameMax <= maxId) {
                    return;
                }
                if (frame.has("data") && frame.path("after").asLong() <= maxId) {
                    for (JsonNode a : frame.get("data")) {
                        if (a.path("id").asLong() > maxId) {
                            seen(who, a, at, "frame");
                        }
                    }
                    maxId = frameMax;
                    framesApplied.incrementAndGet();
                    return;
                }
            }
            synchronized (this) {
                // the sync must bring at least this much; if it does not, chat.js asks again shortly
                promised = Math.max(promised, frame.path("maxID").asLong());
            }
            wakeSyncs.incrementAndGet();
            sync("wake");
        }

        /** What the last wake that made a sync announced, and how many follow-ups chased it (chat.js's followUpDelay). */
        private long promised;
        private int followUps;

        void connect() {
            if (closing) {
                return;
            }
            synchronized (this) {
                if (stopped) {
                    return;
                }
                attemptsSinceDown++;
            }
            Attempt attempt = new Attempt();
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            request.setHeader("Cookie", "tc_session=" + cookie);
            // A browser names the page's origin, here nginx's: the app must see the same Host (nginx's $http_host).
            request.setHeader("Origin", origin);
            try {
                Future<Session> opening = sockets.connect(attempt, URI.create(wsBase + "/api/live?ts=" + session), request);
                if (opening instanceof CompletableFuture<Session> f) {
                    f.whenComplete((s, e) -> {
                        if (e != null) {
                            attempt.ended(1006);
                        }
                    });
                }
            } catch (IOException | RuntimeException e) {
                attempt.ended(1006);
                return;
            }
            // a handshake that neither opens nor fails in 20 s counts as failed (the watchdog of a browser's own timeout)
            timer.schedule(() -> {
                if (!attempt.opened.get()) {
                    attempt.ended(1006);
                }
            }, 20, TimeUnit.SECONDS);
        }

        private void opened(Session s) {
            long now = System.nanoTime();
            synchronized (this) {
                socket = s;
                open = true;
                openedAt = now;
                if (downSince != 0) {
                    reconnects.add(new long[] {downSince, now, attemptsSinceDown});
                    downSince = 0;
                }
                attemptsSinceDown = 0;
            }
            sync("open");
        }

        private void closed(int code) {
            closeCodes.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
            long now = System.nanoTime();
            int delay;
            synchronized (this) {
                open = false;
                socket = null;
                if (code == 4401 || code == 4403) {
                    stopped = true;
                    return;
                }
                if (downSince == 0) {
                    downSince = now;
                }
                if (openedAt != 0 && now - openedAt >= TimeUnit.MILLISECONDS.toNanos(STABLE_MS)) {
                    attempt = 0;
                }
                openedAt = 0;
                delay = backoffMillis(attempt++);
            }
            if (!closing) {
                timer.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
            }
        }

        /** One connection attempt: it ends once, however Jetty reports it (error, close, failed future, watchdog). */
        private final class Attempt implements WebSocketListener {
            final AtomicBoolean opened = new AtomicBoolean();
            private final AtomicBoolean ended = new AtomicBoolean();

            void ended(int code) {
                if (ended.compareAndSet(false, true)) {
                    closed(code);
                }
            }

            @Override
            public void onWebSocketConnect(Session session) {
                if (ended.get()) {
                    session.close();
                    return;
                }
                opened.set(true);
                opened(session);
            }

            @Override
            public void onWebSocketText(String message) {
                wake(message);
            }

            @Override
            public void onWebSocketBinary(byte[] payload, int offset, int len) {
            }

            @Override
            public void onWebSocketClose(int statusCode, String reason) {
                ended(statusCode);
            }

            @Override
            public void onWebSocketError(Throwable cause) {
                ended(1006);
            }
        }
    }
}
