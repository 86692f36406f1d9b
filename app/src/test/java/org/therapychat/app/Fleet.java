package org.therapychat.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpMethod;

/**
 * A fleet as production runs it: {@code count} packaged jars, each its own process with its own
 * DATA_DIR (only the SMS outbox lives there), on one PostgreSQL (zonky's), behind Debian's nginx
 * configured with the shipped {@code deploy/nginx.conf}. Everything stops on {@link #close()},
 * also when the test JVM is told to stop.
 */
final class Fleet implements AutoCloseable {
    /** How long an instance may take to start: on a 2-core machine shared with builds, a minute was not always enough. */
    static final Duration START_LIMIT = Duration.ofSeconds(180);
    static final String METRICS_TOKEN = "fleet-metrics-token-0123456789";
    private static final Pattern CODE = Pattern.compile("code is (\\d{6})");
    private static final Pattern SET_COOKIE = Pattern.compile("^(tc_login|tc_session)=([A-Za-z0-9_-]{43})");
    private static final Pattern SOCKETS = Pattern.compile("(?m)^therapychat_live_sockets(?:\\{[^}]*\\})? ([0-9.E]+)");

    final EmbeddedPostgres postgres;
    final List<AppProcess> instances = new ArrayList<>();
    Nginx nginx;
    private final Thread onExit = new Thread(this::close, "fleet-stop");
    private boolean closed;

    private final Map<String, String> env = new HashMap<>();
    private boolean accessLog;

    private Fleet(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Starts PostgreSQL, {@code count} instances on it (one at a time: Flyway migrates once) and nginx. */
    static Fleet start(int count, Map<String, String> extraEnv, boolean accessLog) throws Exception {
        Fleet fleet = new Fleet(EmbeddedPostgres.builder().start());
        try {
            fleet.env.putAll(Map.of("DATABASE_URL", fleet.postgres.getJdbcUrl("postgres", "postgres"),
                    "TRUSTED_PROXY", "true", "DEMO_DATA", "false", "METRICS_TOKEN", METRICS_TOKEN,
                    "SESSION_IDLE_MINUTES", "120"));
            fleet.env.putAll(extraEnv);
            fleet.accessLog = accessLog;
            fleet.resize(count);
            return fleet;
        } catch (Exception | Error e) {
            fleet.close();
            throw e;
        }
    }

    /** {@code count} instances (stopping the last ones, or starting new ones one at a time), and nginx anew in front of them. */
    void resize(int count) throws Exception {
        if (nginx != null) {
            nginx.close();
            nginx = null;
        }
        while (instances.size() > count) {
            instances.remove(instances.size() - 1).terminate(Duration.ofSeconds(30));
        }
        while (instances.size() < count) {
            instances.add(new AppProcess(Files.createTempDirectory("therapychat-fleet-" + instances.size()), env)
                    .start(START_LIMIT));
        }
        nginx = new Nginx(instances.stream().map(AppProcess::port).toList(), accessLog).start();
    }

    int port() {
        return nginx.port();
    }

    String base() {
        return "http://127.0.0.1:" + nginx.port();
    }

    /** Live sockets open on instance {@code i}, from its /metrics. */
    int liveSockets(int i) {
        Api.Reply metrics = new Api(instances.get(i).port()).get("/metrics", Map.of("Authorization", "Bearer " + METRICS_TOKEN));
        Matcher m = SOCKETS.matcher(metrics.text());
        return m.find() ? (int) Double.parseDouble(m.group(1)) : -1;
    }

    /** The newest code sent to {@code e164}, from whichever instance's outbox sent it. */
    String codeFor(String e164) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (AppProcess instance : instances) {
                String code = newestCode(instance.dataDir().resolve("sms-outbox.jsonl"), e164);
                if (code != null) {
                    return code;
                }
            }
            AppProcess.sleep(50);
        }
        throw new AssertionError("no code for " + e164 + " in any instance's outbox");
    }

    /** Every code in every outbox, by phone (the last one sent to each). */
    Map<String, String> allCodes() {
        Map<String, String> codes = new HashMap<>();
        Pattern line = Pattern.compile("\"to\":\"(\\+[0-9]+)\".*code is ([0-9]{6})");
        for (AppProcess instance : instances) {
            for (String l : lines(instance.dataDir().resolve("sms-outbox.jsonl"))) {
                Matcher m = line.matcher(l);
                if (m.find()) {
                    codes.put(m.group(1), m.group(2));
                }
            }
        }
        return codes;
    }

    private static String newestCode(Path outbox, String e164) {
        List<String> lines = lines(outbox);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("\"to\":\"" + e164 + "\"")) {
                Matcher m = CODE.matcher(lines.get(i));
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code participants} users U0… (one roster import through nginx) in therapy sessions
     * {@code sessionPrefix}0… of {@code perSession} each, logged in and entered with the real login
     * flow (each code read from whichever instance's outbox sent it): one login session cookie each.
     * The logins go to the first instance directly, each from an address of its own in
     * X-Forwarded-For (the instances trust their proxy's header), so that thousands of starts do not
     * take turns on one address's rate-limit row as they would through nginx from one test machine.
     */
    String[] logIn(int participants, int perSession, String sessionPrefix) throws Exception {
        return logIn(0, participants, perSession, sessionPrefix);
    }

    /** The same for users U{@code first} … U{@code first + count - 1} ({@code first} a multiple of {@code perSession}). */
    String[] logIn(int first, int count, int perSession, String sessionPrefix) throws Exception {
        int participants = first + count;
        importRoster(first, participants);
        String[] cookies = new String[participants];
        try (LoadClient viaNginx = new LoadClient(base(), 16);
             LoadClient direct = new LoadClient("http://127.0.0.1:" + instances.get(0).port(), 32)) {
            // Admin writes take turns on the audit trail's head row: a few at a time, as a console makes them.
            int firstSession = first / perSession;
            all((participants + perSession - 1) / perSession - firstSession, 4, n -> {
                int s = firstSession + n;
                List<String> members = new ArrayList<>();
                for (int i = s * perSession; i < Math.min(participants, (s + 1) * perSession); i++) {
                    members.add("\"U" + i + "\"");
                }
                String json = "{\"name\":\"" + sessionPrefix + s + "\",\"date\":\"" + Dates.hoursFromNow(2)
                        + "\",\"members\":[" + String.join(",", members) + "]}";
                return retried(() -> viaNginx.sendAsAdmin(HttpMethod.PUT, "/admin/therapy-sessions/" + sessionPrefix + s,
                        RunningApp.ADMIN_TOKEN, json), 5);
            });
            String[] pending = new String[participants];
            Map<String, String> codes = Map.of();
            for (int round = 0; round < 3 && codes.size() < count; round++) {
                Map<String, String> have = codes;
                // a code refused by a full SMS queue is never sent: start those logins again
                all(participants, 16, i -> i < first || have.containsKey(phone(i)) ? CompletableFuture.completedFuture(null)
                        : retried(() -> direct.send(HttpMethod.POST, "/api/login/start", null, from(i),
                        "{\"phone\":\"" + phone(i) + "\",\"identifier\":\"Fleet\"}"), 5).thenApply(r -> pending[i] = cookie(r)));
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                do {
                    AppProcess.sleep(200);
                    codes = allCodes();
                    codes.keySet().retainAll(phones(first, participants));
                } while (codes.size() < count && System.nanoTime() < deadline);
            }
            Map<String, String> sent = codes;
            all(count, 32, n -> retried(() -> direct.send(HttpMethod.POST, "/api/login/verify", "tc_login=" + pending[first + n],
                    from(first + n), "{\"code\":\"" + sent.get(phone(first + n)) + "\"}"), 5)
                    .thenApply(r -> cookies[first + n] = cookie(r)));
            all(count, 32, n -> retried(() -> direct.send(HttpMethod.POST, "/api/therapy-sessions/" + sessionPrefix
                    + ((first + n) / perSession) + "/enter", "tc_session=" + cookies[first + n], from(first + n), null), 5));
        }
        return Arrays.copyOfRange(cookies, first, participants);
    }

    /** Participant i's own client address, 10.x.y.z. */
    private static String from(int i) {
        return "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
    }

    /** Users U0… as participants, by the roster import (CSV), a thousand rows a call. */
    private void importRoster(int first, int participants) {
        Api admin = new Api(port());
        for (int from = first; from < participants; from += 1000) {
            StringBuilder csv = new StringBuilder(String.join(",", "id", "role", "displayName", "phone", "identifier")).append('\n');
            for (int i = from; i < Math.min(participants, from + 1000); i++) {
                csv.append("U").append(i).append(",participant,U").append(i).append(',').append(phone(i)).append(",Fleet\n");
            }
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(admin.base() + "/admin/users/import"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(csv.toString()))
                    .header("Content-Type", "text/csv").header("Authorization", "Bearer " + RunningApp.ADMIN_TOKEN);
            Api.Reply reply = admin.raw(request);
            if (reply.status() != 200) {
                throw new IllegalStateException("roster import answered " + reply.status() + ": " + reply.text());
            }
        }
    }

    static String phone(int i) {
        return String.format("+1650%07d", 3_000_000 + i);
    }

    private static List<String> phones(int first, int end) {
        List<String> out = new ArrayList<>();
        for (int i = first; i < end; i++) {
            out.add(phone(i));
        }
        return out;
    }

    /**
     * A setup call, sent again after a 503 up to {@code tries} times: on a busy machine a burst of
     * writes that take turns on one row (the audit trail's head, one address's rate limit) can wait
     * past the lock timeout.
     */
    private static CompletableFuture<LoadClient.Reply> retried(Supplier<CompletableFuture<LoadClient.Reply>> call, int tries) {
        return call.get().thenCompose(r -> {
            if (r.status() != 503 || tries <= 1) {
                return ok(CompletableFuture.completedFuture(r));
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS))
                    .thenCompose(x -> retried(call, tries - 1));
        });
    }

    /** Runs {@code count} calls with at most {@code parallel} in flight; the first failure fails them all. */
    private static void all(int count, int parallel, IntFunction<CompletableFuture<?>> call) throws Exception {
        Semaphore inFlight = new Semaphore(parallel);
        List<CompletableFuture<?>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            futures.add(call.apply(i).whenComplete((r, e) -> inFlight.release()));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    }

    private static CompletableFuture<LoadClient.Reply> ok(CompletableFuture<LoadClient.Reply> reply) {
        return reply.thenApply(r -> {
            if (r.status() / 100 != 2) {
                throw new IllegalStateException("setup call answered " + r.status() + ": " + r.body());
            }
            return r;
        });
    }

    private static String cookie(LoadClient.Reply reply) {
        for (String header : reply.setCookies()) {
            Matcher m = SET_COOKIE.matcher(header);
            if (m.find() && !header.contains("Max-Age=0")) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no cookie in " + reply.status() + " " + reply.body());
    }

    /** Brings back any instance that is not running (after a kill or a failed step). */
    void startStopped() {
        for (AppProcess instance : instances) {
            if (!instance.isAlive()) {
                instance.start(START_LIMIT);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (nginx != null) {
            nginx.close();
            nginx = null;
        }
        for (AppProcess instance : instances) {
            try {
                if (instance.isAlive()) {
                    instance.terminate(Duration.ofSeconds(30));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (AssertionError | RuntimeException e) {
                System.out.println("fleet stop: " + e.getMessage());
            }
        }
        instances.clear();
        try {
            postgres.close();
        } catch (IOException e) {
            System.out.println("fleet stop: PostgreSQL " + e);
        }
        if (Thread.currentThread() != onExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException exiting) {
                // the JVM is already stopping: the hook runs or ran
            }
        }
    }
}
