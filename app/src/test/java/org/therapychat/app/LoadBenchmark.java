package org.therapychat.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.http.HttpMethod;
import org.therapychat.app.LoadClient.Reply;

/**
 * Starts the real app on a loopback port and loads it as a study would: N participants in M
 * therapy sessions, each logged in with its own session cookie and polling every 5 s (with
 * jitter) with its own maxID, plus a message rate. Then, on the same server, the throughput of
 * an empty route and of saturating polls. Not a test: run {@code bin/bench-load}.
 *
 * <p>The app runs as its own process from the packaged jar (as in production), on the same
 * cores as this generator; {@code -Dprocess=false} runs it inside this JVM instead.
 */
public final class LoadBenchmark {
    private static final Pattern SET_COOKIE = Pattern.compile("^(tc_login|tc_session)=([A-Za-z0-9_-]{43})");
    private static final Pattern SERVER_TIME = Pattern.compile("\"serverTime\":([0-9.]+)");
    private static final Pattern MAX_ID = Pattern.compile("\"maxID\":([0-9]+)");
    private static final Pattern ACCEPTED_ID = Pattern.compile("\"accepted\":\\[\\{[^}]*\"id\":([0-9]+)");
    private static final Pattern CODE_LINE = Pattern.compile("\"to\":\"(\\+[0-9]+)\".*code is ([0-9]{6})");
    private static final long POLL_MILLIS = 5000;
    private static final AtomicLong MESSAGE_IDS = new AtomicLong();
    private static final long JITTER_MILLIS = 500;

    private final int participants = Integer.getInteger("participants", 20_000);
    private final int sessions = Integer.getInteger("sessions", 1_000);
    private final int seconds = Integer.getInteger("seconds", 30);
    private final int connections = Integer.getInteger("connections", 128);
    private final double messagesPerSecond = Double.parseDouble(System.getProperty("messages", "20"));
    private final String database = System.getProperty("database", "h2");
    /** false: polling only, as before; true: every participant also holds a live socket; refused: no sockets, polls only, delivery measured. */
    private final String live = System.getProperty("live", "false");
    /** 2 (PostgreSQL only): senders write through the first instance, everyone reads from the second. */
    private final int instances = Integer.getInteger("instances", 1);
    /** bin/soak: this many one-minute rounds instead of the measurement and the ceilings. */
    private final int soakMinutes = Integer.getInteger("soak.minutes", 0);
    private final long pollMillis = live.equals("true") ? 25_000 : POLL_MILLIS;
    private LiveLoad liveLoad;
    private LoadClient senders;
    private AppProcess serverProcess;
    private final int perSession = Math.max(1, participants / sessions);
    private final String[] cookies = new String[participants];
    private final long[] maxIds = new long[participants];
    private LoadClient client;

    public static void main(String[] args) throws Exception {
        new LoadBenchmark().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("therapychat-load");
        Map<String, String> env = new HashMap<>(Map.of("DATA_DIR", data.toString(), "HOST", "127.0.0.1",
                "COOKIE_SECURE", "false", "ADMIN_TOKEN", RunningApp.ADMIN_TOKEN, "DEMO_DATA", "false",
                "LOGIN_STARTS_PER_IP_PER_HOUR", "10000000", "OTP_MAX_SENDS_PER_HOUR", "10000000",
                "HTTP_THREADS", System.getProperty("threads", "16"), "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "0"));
        // -Dmetrics=false: no METRICS_TOKEN, so requests are not timed (what /metrics costs the poll path)
        if (Boolean.parseBoolean(System.getProperty("metrics", "true"))) {
            env.put("METRICS_TOKEN", "load-benchmark-metrics-token");
        }
        EmbeddedPostgres postgres = null;
        if (database.equals("postgres")) {
            postgres = EmbeddedPostgres.builder().start();
            env.put("DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"));
        }
        boolean separate = Boolean.parseBoolean(System.getProperty("process", "true"));
        if (instances == 2 && (!database.equals("postgres") || !separate)) {
            throw new IllegalArgumentException("-Dinstances=2 needs -Ddatabase=postgres and the app in its own process");
        }
        TherapyChatApp app = null;
        AppProcess process = null;
        AppProcess readersProcess = null;
        String base;
        String readersBase;
        if (separate) {
            process = new AppProcess(data, env).start();
            base = "http://127.0.0.1:" + process.port();
            readersBase = base;
            serverProcess = process;
            if (instances == 2) {
                Path second = Files.createDirectories(data.resolve("second"));
                readersProcess = new AppProcess(second, env).start();
                readersBase = "http://127.0.0.1:" + readersProcess.port();
                serverProcess = readersProcess;
            }
        } else {
            env.put("PORT", "0");
            app = Main.create(Config.fromEnvironment(env), List.of()).start();
            base = "http://127.0.0.1:" + app.port();
            readersBase = base;
        }
        client = new LoadClient(base, connections);
        senders = client;
        System.out.printf("cores=%d database=%s participants=%d sessions=%d seconds=%d messages/s=%.0f connections=%d app=%s%n",
                Runtime.getRuntime().availableProcessors(), database, participants, sessions, seconds, messagesPerSecond,
                connections, separate ? "own process (packaged jar)" : "inside the generator's JVM");
        long setup = System.nanoTime();
        setUp(data);
        System.out.printf("setup: %d users logged in and entered in %.1f s%n", participants, (System.nanoTime() - setup) / 1e9);
        if (instances == 2) {
            client = new LoadClient(readersBase, connections);
            System.out.printf("two instances on one PostgreSQL: messages sent through %s, every poll and socket on %s%n",
                    base, readersBase);
        }
        if (!live.equals("false")) {
            liveLoad = new LiveLoad(participants, perSession, maxIds, who -> sync(client, who, ""));
            if (live.equals("true")) {
                long connecting = System.nanoTime();
                int opened = liveLoad.connect(readersBase.replace("http://", "ws://"), cookies);
                System.out.printf("live: %d of %d sockets open in %.1f s; polls every %d ms while open%n", opened,
                        participants, (System.nanoTime() - connecting) / 1e9, pollMillis);
            } else {
                System.out.printf("live: sockets refused; polls every %d ms%n", pollMillis);
            }
        }
        // Everyone entered during the long setup, so their presence has lapsed: a first round of
        // polls announces those lapses (and warms the JIT). Measure the steady state after it.
        runPolling(Integer.getInteger("warmup", 10), false);
        if (soakMinutes > 0) {
            soak(data);
            client.close();
            process.close();
            deleteTree(data);
            return;
        }
        if (liveLoad != null) {
            liveLoad.startCounting();
        }
        ServerStats before = ServerStats.of(serverProcess);
        runPolling(seconds, true);
        ServerStats after = ServerStats.of(serverProcess);
        if (liveLoad != null) {
            liveLoad.report();
        }
        ServerStats.report(before, after, seconds);
        double ceiling = closedLoop("empty route GET /livez", i -> client.get("/livez"));
        // Each poll passes back the maxID its participant last got, as the browser client does.
        double saturated = closedLoop("saturating polls", i -> sync(i % participants, "").thenApply(r -> {
            rememberMaxId(i % participants, r.body());
            return r;
        }));
        System.out.printf("poll throughput / empty-route ceiling = %.0f%%%n", 100 * saturated / ceiling);
        wrkCeilings(base, data);
        if (liveLoad != null) {
            liveLoad.close();
        }
        client.close();
        if (senders != client) {
            senders.close();
        }
        if (readersProcess != null) {
            readersProcess.close();
        }
        if (app != null) {
            app.stop();
        }
        if (process != null) {
            process.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        deleteTree(data);
    }

    /**
     * bin/soak: the same load for {@code soak.minutes}, a row a minute of what the app's process
     * holds (heap after GC, RSS, open files, threads, H2 file), then the table and its targets.
     */
    private void soak(Path data) throws Exception {
        if (serverProcess == null || instances != 1) {
            throw new IllegalArgumentException("the soak runs one app in its own process");
        }
        List<SoakRow> rows = new ArrayList<>();
        for (int minute = 1; minute <= soakMinutes; minute++) {
            Round round = runPolling(60, true);
            rows.add(SoakRow.of(minute, round.polls() / 60.0, round.errors(), serverProcess.pid(), data));
            System.out.println(SoakRow.header());
            System.out.println(rows.get(rows.size() - 1).line());
        }
        System.out.printf("%nsoak: %d participants in %d sessions, %.0f messages/s, %d minutes, %s%n", participants, sessions,
                messagesPerSecond, soakMinutes, database);
        SoakRow.printTable(rows);
    }

    /** The run's data directory (the H2 file alone is over a gigabyte after 20,000 logins). */
    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void setUp(Path data) throws Exception {
        String admin = "/admin/";
        all(participants, i -> admin(HttpMethod.PUT, admin + "users/U" + i, "{\"role\":\"participant\",\"displayName\":\"U"
                + i + "\",\"phone\":\"" + phone(i) + "\",\"identifier\":\"Load\"}"));
        all(sessions, s -> {
            List<String> members = new ArrayList<>();
            for (int i = s * perSession; i < Math.min(participants, (s + 1) * perSession); i++) {
                members.add("\"U" + i + "\"");
            }
            return admin(HttpMethod.PUT, admin + "therapy-sessions/S" + s, "{\"name\":\"S" + s
                    + "\",\"date\":\"" + Dates.hoursFromNow(2) + "\",\"members\":[" + String.join(",", members) + "]}");
        });
        String[] pending = new String[participants];
        all(participants, i -> ok(client.send(HttpMethod.POST, "/api/login/start", null,
                "{\"phone\":\"" + phone(i) + "\",\"identifier\":\"Load\"}")).thenApply(r -> pending[i] = cookie(r)));
        Thread.sleep(2000);
        Map<String, String> codes = new HashMap<>();
        for (String line : Files.readAllLines(data.resolve("sms-outbox.jsonl"))) {
            Matcher m = CODE_LINE.matcher(line);
            if (m.find()) {
                codes.put(m.group(1), m.group(2));
            }
        }
        all(participants, i -> ok(client.send(HttpMethod.POST, "/api/login/verify", "tc_login=" + pending[i],
                "{\"code\":\"" + codes.get(phone(i)) + "\"}")).thenApply(r -> cookies[i] = cookie(r)));
        all(participants, i -> ok(client.send(HttpMethod.POST, "/api/therapy-sessions/S" + (i / perSession) + "/enter",
                "tc_session=" + cookies[i], null)));
    }

    private CompletableFuture<Reply> admin(HttpMethod method, String path, String json) {
        return ok(client.sendAsAdmin(method, path, RunningApp.ADMIN_TOKEN, json));
    }

    /** One measured round: every participant polls every 5 s ± 0.5 s while messages arrive at the set rate. */
    /** Polls answered and errors in the round. */
    private record Round(long polls, long errors) {
    }

    private Round runPolling(int seconds, boolean report) throws Exception {
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        Histogram emptyServerTime = new Histogram(TimeUnit.MINUTES.toMicros(1) * 10, 3);
        Histogram lateness = new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
        AtomicInteger errors = new AtomicInteger();
        AtomicLong polls = new AtomicLong();
        AtomicLong messages = new AtomicLong();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long endAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        if (report && liveLoad != null) {
            // Polls stop at the end of the round: only a message every member could still poll (or be
            // woken for) before then counts; with sockets, wakes deliver within the grace period.
            liveLoad.trackUntil(live.equals("true") ? endAt + TimeUnit.SECONDS.toNanos(2)
                    : endAt - TimeUnit.MILLISECONDS.toNanos(pollMillis + JITTER_MILLIS + 1000));
        }
        Random random = new Random(7);
        Poller poller = new Poller(timer, endAt, latency, emptyServerTime, lateness, errors, polls);
        for (int i = 0; i < participants; i++) {
            poller.schedule(i, (long) (random.nextDouble() * pollMillis));
        }
        long messageEveryMicros = (long) (1_000_000 / messagesPerSecond);
        timer.scheduleAtFixedRate(() -> {
            int who = random.nextInt(participants);
            messages.incrementAndGet();
            // unique across rounds: a clientId used again would be answered with the earlier message's id
            String action = "{\"clientId\":\"m-" + MESSAGE_IDS.incrementAndGet() + "\",\"type\":\"message\",\"body\":\"hello from "
                    + who + "\"}";
            sync(senders, who, action).whenComplete((r, e) -> {
                if (e != null || r.status() != 200) {
                    errors.incrementAndGet();
                } else if (liveLoad != null) {
                    long at = System.nanoTime();
                    Matcher accepted = ACCEPTED_ID.matcher(r.body());
                    if (accepted.find()) {
                        liveLoad.acked(Long.parseLong(accepted.group(1)), at);
                    }
                    liveLoad.answered(who, r.body(), at);
                }
            });
        }, 0, messageEveryMicros, TimeUnit.MICROSECONDS);
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(endAt - System.nanoTime()) + 3000);
        timer.shutdownNow();
        if (!report) {
            System.out.printf("warm-up: %d polls in %d s, %d errors (not counted below)%n", polls.get(), seconds, errors.get());
            return new Round(polls.get(), errors.get());
        }
        synchronized (latency) {
            System.out.printf("polling: %d polls in %d s = %.0f polls/s (offered %.0f), %d messages, %d errors%n", polls.get(),
                    seconds, polls.get() / (double) seconds, participants * 1000.0 / pollMillis, messages.get(), errors.get());
            System.out.printf("poll latency ms: p50=%.2f p95=%.2f p99=%.2f max=%.2f%n", ms(latency, 50), ms(latency, 95),
                    ms(latency, 99), latency.getMaxValue() / 1000.0);
            System.out.printf("serverTime of polls with nothing new µs: p50=%.1f p95=%.1f p99=%.1f (n=%d)%n",
                    emptyServerTime.getValueAtPercentile(50) / 10.0, emptyServerTime.getValueAtPercentile(95) / 10.0,
                    emptyServerTime.getValueAtPercentile(99) / 10.0, emptyServerTime.getTotalCount());
            System.out.printf("generator lateness (poll sent after its due time) ms: p50=%.2f p99=%.2f max=%.2f%n",
                    ms(lateness, 50), ms(lateness, 99), lateness.getMaxValue() / 1000.0);
        }
        return new Round(polls.get(), errors.get());
    }

    /** Each participant's next poll is scheduled when its previous one is answered, as the browser client does. */
    private final class Poller {
        private final ScheduledExecutorService timer;
        private final long endAt;
        private final Histogram latency;
        private final Histogram emptyServerTime;
        private final Histogram lateness;
        private final AtomicInteger errors;
        private final AtomicLong polls;

        Poller(ScheduledExecutorService timer, long endAt, Histogram latency, Histogram emptyServerTime, Histogram lateness,
               AtomicInteger errors, AtomicLong polls) {
            this.timer = timer;
            this.endAt = endAt;
            this.latency = latency;
            this.emptyServerTime = emptyServerTime;
            this.lateness = lateness;
            this.errors = errors;
            this.polls = polls;
        }

        void schedule(int who, long delayMillis) {
            long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
            timer.schedule(() -> poll(who, due), delayMillis, TimeUnit.MILLISECONDS);
        }

        private void poll(int who, long due) {
            long start = System.nanoTime();
            if (start > endAt) {
                return;
            }
            sync(client, who, "").whenComplete((r, e) -> {
                long micros = (System.nanoTime() - start) / 1000;
                polls.incrementAndGet();
                boolean failed = e != null || r.status() != 200;
                if (failed) {
                    errors.incrementAndGet();
                } else {
                    record(who, r.body(), micros, Math.max(0, (start - due) / 1000));
                }
                schedule(who, pollMillis - JITTER_MILLIS + ThreadLocalRandom.current().nextLong(2 * JITTER_MILLIS));
            });
        }

        private void record(int who, String body, long micros, long lateMicros) {
            if (liveLoad != null) {
                liveLoad.answered(who, body, System.nanoTime());
            } else {
                rememberMaxId(who, body);
            }
            long serverTenths = -1;
            if (body.startsWith("{\"data\":[]")) {
                Matcher t = SERVER_TIME.matcher(body);
                if (t.find()) {
                    serverTenths = Math.round(Double.parseDouble(t.group(1)) * 10);
                }
            }
            synchronized (latency) {
                latency.recordValue(micros);
                lateness.recordValue(lateMicros);
                if (serverTenths >= 0) {
                    emptyServerTime.recordValue(serverTenths);
                }
            }
        }
    }

    private void rememberMaxId(int who, String body) {
        Matcher id = MAX_ID.matcher(body);
        if (id.find()) {
            maxIds[who] = Long.parseLong(id.group(1));
        }
    }

    private CompletableFuture<Reply> sync(int who, String action) {
        return sync(client, who, action);
    }

    private CompletableFuture<Reply> sync(LoadClient through, int who, String action) {
        return through.send(HttpMethod.POST, "/api/therapy-sessions/S" + (who / perSession) + "/actions/sync",
                "tc_session=" + cookies[who], "{\"maxID\":" + maxIds[who] + ",\"actionQueue\":[" + action + "]}");
    }

    /** Requests/s over 10 s with a fixed number of requests always in flight (each sent when one is answered). */
    private double closedLoop(String name, IntFunction<CompletableFuture<Reply>> call) throws Exception {
        int workers = 32;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        AtomicLong done = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            loop(call, w, workers, end, done, errors, finished);
        }
        finished.await();
        double perSecond = done.get() / 10.0;
        System.out.printf("%s: %.0f requests/s (%d errors)%n", name, perSecond, errors.get());
        return perSecond;
    }

    private static void loop(IntFunction<CompletableFuture<Reply>> call, int i, int step, long end, AtomicLong done,
                             AtomicInteger errors, CountDownLatch finished) {
        call.apply(i).whenComplete((r, e) -> {
            if (e != null || r.status() != 200) {
                errors.incrementAndGet();
            }
            done.incrementAndGet();
            if (System.nanoTime() < end) {
                loop(call, i + step, step, end, done, errors, finished);
            } else {
                finished.countDown();
            }
        });
    }

    /**
     * The same two ceilings measured with wrk (a load generator in C, far cheaper per request
     * than any JVM client), when it is installed: how much of the ratio above is the Java
     * generator's own cost. Every participant's poll, with its cookie and maxID, in turn.
     */
    private void wrkCeilings(String base, Path data) throws Exception {
        if (!new java.io.File("/usr/bin/wrk").canExecute()) {
            System.out.println("wrk not installed: no generator-independent ceilings (apt-get install wrk)");
            return;
        }
        // Built in init(): wrk.format takes the Host header from wrk.headers, set only by then.
        StringBuilder lua = new StringBuilder("local polls = {}\ninit = function(args)\n");
        for (int who = 0; who < participants; who++) {
            lua.append("polls[").append(who + 1).append("] = wrk.format('POST', '/api/therapy-sessions/S")
                    .append(who / perSession).append("/actions/sync', {['Cookie'] = 'tc_session=").append(cookies[who])
                    .append("', ['Content-Type'] = 'application/json', ['X-Requested-With'] = 'wrk'}, '{\"maxID\":")
                    .append(maxIds[who]).append(",\"actionQueue\":[]}')\n");
        }
        lua.append("end\nlocal i = 0\nrequest = function()\n  i = i % #polls + 1\n  return polls[i]\nend\n");
        Path script = data.resolve("polls.lua");
        Files.writeString(script, lua);
        double livez = wrk(base + "/livez", null);
        double polls = wrk(base + "/api/therapy-sessions/S0/actions/sync", script);
        System.out.printf("wrk (1 thread, 32 connections, 10 s): /livez %.0f requests/s, polls %.0f requests/s = %.0f%%%n",
                livez, polls, 100 * polls / livez);
    }

    private static double wrk(String url, Path script) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/wrk", "-t1", "-c32", "-d10s"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        wrk.waitFor();
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        Matcher failures = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)").matcher(out);
        if (failures.find()) {
            System.out.printf("wrk on %s: %s non-2xx answers%n", url, failures.group(1));
        }
        return rate.find() ? Double.parseDouble(rate.group(1)) : 0;
    }

    /** Runs {@code count} calls with at most 256 in flight, and fails on the first error. */
    private static void all(int count, IntFunction<CompletableFuture<?>> call) throws Exception {
        Semaphore inFlight = new Semaphore(256);
        List<CompletableFuture<?>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            futures.add(call.apply(i).whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    private static CompletableFuture<Reply> ok(CompletableFuture<Reply> reply) {
        return reply.thenApply(r -> {
            if (r.status() / 100 != 2) {
                throw new IllegalStateException("setup call answered " + r.status() + ": " + r.body());
            }
            return r;
        });
    }

    private static String cookie(Reply reply) {
        for (String header : reply.setCookies()) {
            Matcher m = SET_COOKIE.matcher(header);
            if (m.find() && !header.contains("Max-Age=0")) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no cookie in " + reply.status() + " " + reply.body());
    }

    private static String phone(int i) {
        return String.format("+1650%07d", 2_000_000 + i);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
