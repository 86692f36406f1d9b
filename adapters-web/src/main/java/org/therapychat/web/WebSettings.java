package org.therapychat.web;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP side's configuration.
 *
 * @param cookieSecure whether cookies carry {@code Secure} (off only for plain-http development)
 * @param adminToken bearer token of the admin API; empty turns the admin API off (404)
 * @param trustedProxy take the client address from the last {@code X-Forwarded-For} hop
 * @param pollInterval told to clients
 * @param livePollInterval told to clients, for while their live socket is open
 * @param connections how long and how many connections a client may hold
 */
public record WebSettings(String host, int port, boolean cookieSecure, Optional<String> adminToken,
                          boolean trustedProxy, Duration pollInterval, Duration livePollInterval, int maxThreads, long maxBodyBytes,
                          ConnectionLimits connections) {
    public WebSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(livePollInterval, "livePollInterval");
        Objects.requireNonNull(connections, "connections");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        if (adminToken.filter(t -> t.length() < 16).isPresent()) {
            throw new IllegalArgumentException("ADMIN_TOKEN must have at least 16 characters");
        }
    }

    public static WebSettings defaults() {
        return new WebSettings("0.0.0.0", 4567, true, Optional.empty(), false, Duration.ofMillis(5000), Duration.ofMillis(25_000), 16, 1 << 20,
                ConnectionLimits.defaults(false));
    }

    public WebSettings withPort(int newPort) {
        return new WebSettings(host, newPort, cookieSecure, adminToken, trustedProxy, pollInterval, livePollInterval, maxThreads,
                maxBodyBytes, connections);
    }

    /**
     * What one client may hold of the server, so that slow or idle clients cannot take its threads or sockets.
     *
     * @param idleTimeout a connection with nothing sent either way for this long is closed
     * @param headerTimeout a request line and its headers must be complete this long after the connection
     *                      opened or its previous answer was sent (so also the keep-alive limit)
     * @param bodyTimeout a request body must be complete this long after its headers; it is read before any
     *                    route runs, without holding a worker thread
     * @param maxConnectionsPerAddress open connections per socket peer address (never a forwarded address);
     *                                 0 for no cap
     */
    public record ConnectionLimits(Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout,
                                   int maxConnectionsPerAddress) {
        public ConnectionLimits {
            requirePositive(idleTimeout, "idleTimeout");
            requirePositive(headerTimeout, "headerTimeout");
            requirePositive(bodyTimeout, "bodyTimeout");
            if (maxConnectionsPerAddress < 0) {
                throw new IllegalArgumentException("maxConnectionsPerAddress must not be negative");
            }
        }

        /**
         * Behind a trusted proxy every connection comes from the proxy, so no per-address cap unless asked for:
         * the proxy is the place to limit its clients.
         */
        /**
         * A whole group on one clinic's network shares an address: 20 phones with a live socket and a
         * few keep-alive connections each stay well inside 256, while one address cannot take more
         * than a small part of the process's 20,000 files.
         */
        public static ConnectionLimits defaults(boolean behindTrustedProxy) {
            return new ConnectionLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(20),
                    behindTrustedProxy ? 0 : 256);
        }

        private static void requirePositive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
        }
    }
}
