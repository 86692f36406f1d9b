package org.therapychat.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The packaged jar as its own process on a loopback port: what kill -9 can hit. */
final class AppProcess implements AutoCloseable {
    private final Path dataDir;
    private final int port;
    private final Map<String, String> env;
    private Process process;
    private Path log;

    AppProcess(Path dataDir, Map<String, String> extraEnv) {
        this(dataDir, extraEnv, freePort());
    }

    /** On a given port (one a test holds, to see the start fail); 0 lets the app pick one. */
    AppProcess(Path dataDir, Map<String, String> extraEnv, int port) {
        this.dataDir = dataDir;
        this.port = port;
        this.env = new HashMap<>(Map.of("DATA_DIR", dataDir.toString(), "PORT", Integer.toString(port),
                "HOST", "127.0.0.1", "COOKIE_SECURE", "false", "ADMIN_TOKEN", RunningApp.ADMIN_TOKEN,
                "LOGIN_STARTS_PER_IP_PER_HOUR", "100000", "OTP_RESEND_SECONDS", "1", "OTP_MAX_SENDS_PER_HOUR", "100000",
                "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "0", "MALLOC_ARENA_MAX", "2"));
        this.env.putAll(extraEnv);
    }

    int port() {
        return port;
    }

    Path dataDir() {
        return dataDir;
    }

    /**
     * {@code count} participants W0… added to the demo session through the admin API, each logged in
     * (code from this process's outbox) and entered: the writers of the kill and stop tests.
     */
    List<Api> logInWriters(int count) {
        Api admin = new Api(port);
        List<String> members = new ArrayList<>(List.of("T1", "P1", "P2"));
        for (int w = 0; w < count; w++) {
            admin.write("PUT", "/admin/users/W" + w, "{\"role\":\"participant\",\"displayName\":\"Writer " + w
                    + "\",\"phone\":\"+1 650 555 03" + (10 + w) + "\",\"identifier\":\"Writer\"}", RunningAppAuth.ADMIN);
            members.add("W" + w);
        }
        admin.write("PUT", "/admin/therapy-sessions/demo-week-1", "{\"name\":\"Demo: Week 1\",\"date\":"
                + "\"" + Dates.hoursFromNow(3) + "\",\"members\":[\"" + String.join("\",\"", members) + "\"]}", RunningAppAuth.ADMIN);
        Outbox outbox = new Outbox(dataDir);
        List<Api> writers = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            Api api = new Api(port);
            api.post("/api/login/start", "{\"phone\":\"+1 650 555 03" + (10 + w) + "\",\"identifier\":\"Writer\"}");
            org.assertj.core.api.Assertions.assertThat(api.post("/api/login/verify",
                    "{\"code\":\"" + outbox.codeFor("+165055503" + (10 + w)) + "\"}").status()).isEqualTo(200);
            org.assertj.core.api.Assertions.assertThat(api.post("/api/therapy-sessions/demo-week-1/enter").status())
                    .isEqualTo(200);
            writers.add(api);
        }
        return writers;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Starts a process that is expected to give up by itself; its exit code (it is killed past {@code limit}). */
    int startExpectingExit(Duration limit) throws InterruptedException {
        launch();
        if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the app was still running after " + limit);
        }
        return process.exitValue();
    }

    /** Everything the process wrote to stdout and stderr. */
    List<String> output() {
        try {
            return java.nio.file.Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AppProcess start() {
        return start(Duration.ofSeconds(60));
    }

    /** Starts and waits until /healthz answers 200, at most {@code limit} (a machine shared with builds starts slowly). */
    AppProcess start(Duration limit) {
        launch();
        awaitHealthy(limit);
        return this;
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // the operators' defaults (bin/run's), so what the tests and benchmarks measure is what runs
        // (-Dapp.defaults=false: the JVM's own defaults, to compare with)
        if (Boolean.parseBoolean(System.getProperty("app.defaults", "true"))) {
            command.addAll(JvmOptions.defaults());
        }
        // -Dapp.heap=1g: another maximum heap (the last -Xmx wins)
        String heap = System.getProperty("app.heap", "").strip();
        if (!heap.isEmpty()) {
            command.add("-Xmx" + heap);
        }
        // -Dapp.opts="..." adds JVM options, e.g. a flight recording while a benchmark runs.
        String opts = System.getProperty("app.opts", "").strip();
        if (!opts.isEmpty()) {
            command.addAll(List.of(opts.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        log = dataDir.resolve("app-" + System.nanoTime() + ".log");
        builder.redirectOutput(log.toFile());
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged jar, from the app module (tests) or from the repository root (benchmarks). */
    private static Path jar() {
        Path inModule = Path.of("target", "therapychat.jar");
        return java.nio.file.Files.exists(inModule) ? inModule : Path.of("app", "target", "therapychat.jar");
    }

    /** SIGTERM, and how long the process took to exit (at most {@code limit}; longer fails). */
    java.time.Duration terminate(java.time.Duration limit) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the app did not exit within " + limit + " of SIGTERM");
        }
        return java.time.Duration.ofNanos(System.nanoTime() - started);
    }

    /** The exit code of a process that has ended. */
    int exitCode() {
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no flush, nothing graceful. */
    void killNine() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void awaitHealthy(Duration limit) {
        Api api = new Api(port);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + "; see " + dataDir);
            }
            try {
                if (api.get("/healthz").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // still starting
            }
            sleep(100);
        }
        throw new IllegalStateException("the app did not become healthy in " + limit);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
