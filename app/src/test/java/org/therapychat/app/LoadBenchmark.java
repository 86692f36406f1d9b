package org.therapychat.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the real app on a loopback port and loads it as a study would: N participants in M
 * therapy sessions, each logged in with its own session cookie and polling every 5 s (with
 * jitter) with its own maxID, plus a message rate. Then, on the same server, the throughput of
 * an empty route and of saturating polls. Not a test: run {@code bin/bench-load}.
 */
public final class LoadBenchmark {
    private static final Pattern SET_COOKIE = Pattern.compile("^(tc_login|tc_session)=([A-Za-z0-9_-]{43})");
    private static final Pattern SERVER_TIME = Pattern.compile("\"serverTime\":([0-9.]+)");
    private static final Pattern MAX_ID = Pattern.compile("\"maxID\":([0-9]+)");
    private static final Pattern CODE_LINE = Pattern.compile("\"to\":\"(\\+[0-9]+)\".*code is ([0-9]{6})");

    private final int participants = Integer.getInteger("participants", 20_000);
    private final int sessions = Integer.getInteger("sessions", 1_000);
    private final int seconds = Integer.getInteger("seconds", 30);
    private final double messagesPerSecond = Double.parseDouble(System.getProperty("messages", "20"));
    private final String database = System.getProperty("database", "h2");
    /** Several clients: one JDK HttpClient's single selector thread cannot keep up with thousands of polls/s. */
    private final HttpClient[] clients = java.util.stream.IntStream.range(0, 4)
            .mapToObj(i -> HttpClient.newBuilder().executor(Executors.newFixedThreadPool(2)).build())
            .toArray(HttpClient[]::new);
    private final AtomicInteger nextClient = new AtomicInteger();
    private final Semaphore inFlight = new Semaphore(256);
    private String base;
    private final String[] cookies = new String[participants];
    private final long[] maxIds = new long[participants];

    public static void main(String[] args) throws Exception {
        new LoadBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("therapychat-load");
        Map<String, String> env = new HashMap<>(Map.of("DATA_DIR", data.toString(), "PORT", "0", "HOST", "127.0.0.1",
                "COOKIE_SECURE", "false", "ADMIN_TOKEN", RunningApp.ADMIN_TOKEN, "DEMO_DATA", "false",
                "LOGIN_STARTS_PER_IP_PER_HOUR", "10000000", "HTTP_THREADS", System.getProperty("threads", "16")));
        EmbeddedPostgres postgres = null;
        if (database.equals("postgres")) {
            postgres = EmbeddedPostgres.builder().start();
            env.put("DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"));
        }
        // -Dprocess=true runs the packaged jar as its own process, so the two do not share a JVM.
        boolean separate = Boolean.getBoolean("process");
        TherapyChatApp app = null;
        AppProcess process = null;
        if (separate) {
            env.remove("PORT");
            System.setProperty("app.heap", System.getProperty("app.heap", "2g"));
            process = new AppProcess(data, env).start();
            base = "http://127.0.0.1:" + process.port();
        } else {
            app = Main.create(Config.fromEnvironment(env), List.of()).start();
            base = "http://127.0.0.1:" + app.port();
        }
        System.out.printf("cores=%d database=%s participants=%d sessions=%d seconds=%d messages/s=%.0f app=%s%n",
                Runtime.getRuntime().availableProcessors(), database, participants, sessions, seconds, messagesPerSecond,
                separate ? "separate process" : "same JVM");
        long setup = System.nanoTime();
        setUp(data);
        System.out.printf("setup: %d users logged in and entered in %.1f s%n", participants, (System.nanoTime() - setup) / 1e9);
        // Everyone entered during the long setup, so their presence has lapsed: a first round of
        // polls announces those lapses. Measure the steady state after it.
        runPolling(10, false);
        runPolling(seconds, true);
        closedLoop("empty route GET /livez", i -> get("/livez"));
        closedLoop("saturating polls", i -> sync(i % participants, ""));
        if (app != null) {
            app.stop();
        }
        if (process != null) {
            process.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private void setUp(Path data) throws Exception {
        String admin = "Bearer " + RunningApp.ADMIN_TOKEN;
        all(participants, i -> send(request("/admin/users/U" + i).header("Authorization", admin)
                .PUT(json("{\"role\":\"participant\",\"displayName\":\"U" + i + "\",\"phone\":\"" + phone(i)
                        + "\",\"identifier\":\"Load\"}"))));
        int perSession = Math.max(1, participants / sessions);
        all(sessions, s -> {
            List<String> members = new ArrayList<>();
            for (int i = s * perSession; i < Math.min(participants, (s + 1) * perSession); i++) {
                members.add("\"U" + i + "\"");
            }
            return send(request("/admin/therapy-sessions/S" + s).header("Authorization", admin).PUT(json(
                    "{\"name\":\"S" + s + "\",\"date\":\"2026-11-24T18:00:00Z\",\"members\":[" + String.join(",", members) + "]}")));
        });
        String[] pending = new String[participants];
        all(participants, i -> send(request("/api/login/start").POST(json("{\"phone\":\"" + phone(i) + "\",\"identifier\":\"Load\"}")))
                .thenApply(r -> pending[i] = cookie(r)));
        Thread.sleep(2000);
        Map<String, String> codes = new HashMap<>();
        for (String line : Files.readAllLines(data.resolve("sms-outbox.jsonl"))) {
            Matcher m = CODE_LINE.matcher(line);
            if (m.find()) {
                codes.put(m.group(1), m.group(2));
            }
        }
        all(participants, i -> send(request("/api/login/verify").header("Cookie", "tc_login=" + pending[i])
                .POST(json("{\"code\":\"" + codes.get(phone(i)) + "\"}"))).thenApply(r -> cookies[i] = cookie(r)));
        all(participants, i -> send(request("/api/therapy-sessions/S" + (i / perSession) + "/enter")
                .header("Cookie", "tc_session=" + cookies[i]).POST(HttpRequest.BodyPublishers.noBody())));
    }

    private void runPolling(int seconds, boolean report) throws Exception {
        int perSession = Math.max(1, participants / sessions);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<Double> emptyServerTimes = new CopyOnWriteArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong polls = new AtomicLong();
        AtomicLong messages = new AtomicLong();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        long startedAt = System.nanoTime();
        long endAt = startedAt + TimeUnit.SECONDS.toNanos(seconds);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < participants; i++) {
            int who = i;
            long firstDelay = (long) (random.nextDouble() * 5000);
            schedulePoll(clock, who, firstDelay, endAt, latencies, emptyServerTimes, errors, polls, perSession);
        }
        long messageEveryMicros = (long) (1_000_000 / messagesPerSecond);
        clock.scheduleAtFixedRate(() -> {
            int who = random.nextInt(participants);
            String action = "{\"clientId\":\"m-" + messages.incrementAndGet() + "\",\"type\":\"message\",\"body\":\"hello from "
                    + who + "\"}";
            sync(who, action).whenComplete((r, e) -> {
                if (e != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                }
            });
        }, 0, messageEveryMicros, TimeUnit.MICROSECONDS);
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(endAt - System.nanoTime()) + 2000);
        clock.shutdownNow();
        if (!report) {
            System.out.printf("warm-up: %d polls in %d s, %d errors (not counted below)%n", polls.get(), seconds, errors.get());
            return;
        }
        double elapsed = seconds;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        List<Double> times = new ArrayList<>(emptyServerTimes);
        Collections.sort(times);
        System.out.printf("polling: %d polls in %d s = %.0f polls/s, %d messages, %d errors%n", polls.get(), seconds,
                polls.get() / elapsed, messages.get(), errors.get());
        System.out.printf("poll latency ms: p50=%.2f p95=%.2f p99=%.2f max=%.2f%n", pct(sorted, 50), pct(sorted, 95),
                pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
        System.out.printf("serverTime of polls with nothing new (µs): p50=%.1f p95=%.1f p99=%.1f (n=%d)%n",
                pctD(times, 50), pctD(times, 95), pctD(times, 99), times.size());
    }

    private void schedulePoll(ScheduledExecutorService clock, int who, long delayMillis, long endAt, List<Long> latencies,
                              List<Double> emptyServerTimes, AtomicInteger errors, AtomicLong polls, int perSession) {
        clock.schedule(() -> {
            if (System.nanoTime() > endAt) {
                return;
            }
            long start = System.nanoTime();
            sync(who, "").whenComplete((r, e) -> {
                polls.incrementAndGet();
                if (e != null || r.statusCode() != 200) {
                    errors.incrementAndGet();
                } else {
                    latencies.add(System.nanoTime() - start);
                    String body = r.body();
                    Matcher id = MAX_ID.matcher(body);
                    if (id.find()) {
                        maxIds[who] = Long.parseLong(id.group(1));
                    }
                    if (body.startsWith("{\"data\":[]")) {
                        Matcher t = SERVER_TIME.matcher(body);
                        if (t.find()) {
                            emptyServerTimes.add(Double.parseDouble(t.group(1)));
                        }
                    }
                }
                long next = 4500 + (long) (Math.random() * 1000);
                schedulePoll(clock, who, next, endAt, latencies, emptyServerTimes, errors, polls, perSession);
            });
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<HttpResponse<String>> sync(int who, String action) {
        int perSession = Math.max(1, participants / sessions);
        return send(request("/api/therapy-sessions/S" + (who / perSession) + "/actions/sync")
                .header("Cookie", "tc_session=" + cookies[who])
                .POST(json("{\"maxID\":" + maxIds[who] + ",\"actionQueue\":[" + action + "]}")));
    }

    private CompletableFuture<HttpResponse<String>> get(String path) {
        return send(request(path).GET());
    }

    private void closedLoop(String name, java.util.function.IntFunction<CompletableFuture<HttpResponse<String>>> call)
            throws Exception {
        int workers = 32;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        AtomicLong done = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            loops.add(CompletableFuture.runAsync(() -> {
                int i = worker;
                while (System.nanoTime() < end) {
                    try {
                        HttpResponse<String> r = call.apply(i).get();
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    done.incrementAndGet();
                    i += workers;
                }
            }, Executors.newSingleThreadExecutor()));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get();
        System.out.printf("%s: %.0f requests/s (%d errors)%n", name, done.get() / 10.0, errors.get());
        CEILINGS.put(name, done.get() / 10.0);
        if (CEILINGS.size() == 2) {
            System.out.printf("poll throughput / empty-route ceiling = %.0f%%%n",
                    100 * CEILINGS.get("saturating polls") / CEILINGS.get("empty route GET /livez"));
        }
    }

    private static final Map<String, Double> CEILINGS = new ConcurrentHashMap<>();

    private void all(int count, java.util.function.IntFunction<CompletableFuture<?>> call) throws Exception {
        List<CompletableFuture<?>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(call.apply(i));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Requested-With", "load").header("Content-Type", "application/json");
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder request) {
        inFlight.acquireUninterruptibly();
        HttpClient http = clients[Math.floorMod(nextClient.getAndIncrement(), clients.length)];
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> inFlight.release());
    }

    private static HttpRequest.BodyPublisher json(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private static String cookie(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            Matcher m = SET_COOKIE.matcher(header);
            if (m.find() && !header.contains("Max-Age=0")) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no cookie in " + response.statusCode() + " " + response.body());
    }

    private static String phone(int i) {
        return String.format("+1650%07d", 2_000_000 + i);
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }

    private static double pctD(List<Double> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }
}
