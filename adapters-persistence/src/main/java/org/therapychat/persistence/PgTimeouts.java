package org.therapychat.persistence;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How long PostgreSQL may run a statement, wait for a lock or keep a transaction idle, and how
 * long the driver may wait for a read, so that a held lock or a silent network turns into a
 * prompt failure (a 503) instead of a thread and a pool connection held for good. The socket
 * timeout is above the statement timeout: the server cancels a slow statement, and keeps the
 * connection, before the driver gives up on the connection.
 */
public record PgTimeouts(Duration statement, Duration lock, Duration socket) {
    public PgTimeouts {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(socket, "socket");
        if (socket.compareTo(statement) <= 0 || lock.isNegative() || lock.isZero()) {
            throw new IllegalArgumentException("the socket timeout must be above the statement timeout, the lock timeout positive");
        }
    }

    public static PgTimeouts defaults() {
        return new PgTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** A transaction left open this long is ended by the server (a thread that died mid-transaction). */
    Duration idleInTransaction() {
        return socket.multipliedBy(2);
    }

    /**
     * The operator's JDBC URL with these timeouts added: driver parameters the URL already names
     * are kept as they are, and the server settings go in front of the URL's own {@code options},
     * where any {@code -c} the operator wrote comes later and so wins.
     */
    String applyTo(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        String base = q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
        Map<String, String> params = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : jdbcUrl.substring(q + 1).split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
        }
        params.putIfAbsent("socketTimeout", Long.toString(socket.toSeconds()));
        params.putIfAbsent("tcpKeepAlive", "true");
        params.putIfAbsent("connectTimeout", "5");
        params.putIfAbsent("loginTimeout", "5");
        String ours = "-c statement_timeout=" + statement.toMillis() + " -c lock_timeout=" + lock.toMillis()
                + " -c idle_in_transaction_session_timeout=" + idleInTransaction().toMillis();
        String theirs = params.get("options");
        params.put("options", theirs == null || theirs.isBlank() ? ours : ours + " " + theirs);
        return base + "?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
