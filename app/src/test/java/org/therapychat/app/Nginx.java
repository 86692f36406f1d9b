package org.therapychat.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's nginx as a child process in front of app instances on loopback, configured with the
 * shipped {@code deploy/nginx.conf}: only its upstream servers and its listen line are rewritten to
 * loopback ports (TLS is commented out there already); every header, timeout, map and retry rule
 * is the operator's. Pid, logs and temp files stay in a temp prefix; nothing under /etc is read.
 */
final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final Pattern UPSTREAM_SERVER = Pattern.compile("(?m)^(\\s*)server 127\\.0\\.0\\.1:\\d+( [^;]*)?;\\n");
    private static final Pattern LISTEN = Pattern.compile("(?m)^(\\s*)listen 80;\\n\\s*listen \\[::\\]:80;\\n");

    private final Path prefix;
    private final int port;
    private Process process;

    /** Renders the shipped site for {@code instancePorts} under a fresh temp prefix (not started yet). */
    Nginx(List<Integer> instancePorts, boolean accessLog) {
        this.port = freePort();
        try {
            prefix = Files.createTempDirectory("therapychat-nginx");
            // nginx's workers run as nobody when the test runs as root: they must reach the temp paths.
            Files.setPosixFilePermissions(prefix, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(prefix.resolve("site.conf"), render(Files.readString(shippedSite()), instancePorts, port));
            Files.writeString(prefix.resolve("nginx.conf"), mainConfig(accessLog));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped site with the instances and the listen address replaced, nothing else. */
    static String render(String site, List<Integer> instancePorts, int listenPort) {
        Matcher first = UPSTREAM_SERVER.matcher(site);
        if (!first.find()) {
            throw new IllegalStateException("deploy/nginx.conf has no `server 127.0.0.1:PORT …;` line in its upstream");
        }
        String indent = first.group(1);
        String parameters = first.group(2) == null ? "" : first.group(2);
        StringBuilder servers = new StringBuilder();
        for (int instance : instancePorts) {
            servers.append(indent).append("server 127.0.0.1:").append(instance).append(parameters).append(";\n");
        }
        String withServers = site.substring(0, first.start()) + servers
                + UPSTREAM_SERVER.matcher(site.substring(first.start())).replaceAll("");
        Matcher listen = LISTEN.matcher(withServers);
        if (!listen.find()) {
            throw new IllegalStateException("deploy/nginx.conf has no `listen 80; listen [::]:80;` pair");
        }
        return withServers.substring(0, listen.start()) + listen.group(1) + "listen 127.0.0.1:" + listenPort + ";\n"
                + withServers.substring(listen.end());
    }

    private static Path shippedSite() {
        Path fromModule = Path.of("..", "deploy", "nginx.conf");
        return Files.exists(fromModule) ? fromModule : Path.of("deploy", "nginx.conf");
    }

    private String mainConfig(boolean accessLog) {
        String p = prefix.toAbsolutePath().toString();
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user nobody nogroup;\n" : "") + "worker_processes 1;\nworker_rlimit_nofile 16384;\n"
                + "pid " + p + "/nginx.pid;\nerror_log " + p + "/error.log warn;\n"
                + "events { worker_connections 8192; }\n"
                + "http {\n"
                + "  access_log " + (accessLog ? p + "/access.log" : "off") + ";\n"
                + "  client_body_temp_path " + p + "/body;\n  proxy_temp_path " + p + "/proxy;\n"
                + "  fastcgi_temp_path " + p + "/fastcgi;\n  uwsgi_temp_path " + p + "/uwsgi;\n  scgi_temp_path " + p + "/scgi;\n"
                + "  include " + p + "/site.conf;\n"
                + "}\n";
    }

    int port() {
        return port;
    }

    Path prefix() {
        return prefix;
    }

    /** Checks the configuration ({@code nginx -t}), starts nginx in the foreground and waits until it proxies /healthz. */
    Nginx start() throws InterruptedException {
        Process test = run(List.of("-t"));
        if (!test.waitFor(30, TimeUnit.SECONDS) || test.exitValue() != 0) {
            throw new IllegalStateException("nginx -t refused the rendered deploy/nginx.conf: " + log("test.log"));
        }
        process = run(List.of("-g", "daemon off;"));
        Api api = new Api(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": " + log("error.log"));
            }
            try {
                if (api.get("/healthz").status() == 200) {
                    return this;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            AppProcess.sleep(100);
        }
        throw new IllegalStateException("nginx did not proxy /healthz within 30 s: " + log("error.log"));
    }

    private Process run(List<String> extra) {
        String p = prefix.toAbsolutePath().toString();
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "-p", p + "/", "-c", p + "/nginx.conf",
                "-e", p + "/error.log"));
        command.addAll(extra);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(prefix.resolve(extra.contains("-t") ? "test.log" : "stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String log(String name) {
        try {
            Path file = prefix.resolve(name);
            return Files.exists(file) ? Files.readString(file) : "(no " + name + ")";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM (nginx's fast shutdown); a master that does not go takes its workers down with it. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
    }
}
