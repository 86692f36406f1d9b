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
 */
public record WebSettings(String host, int port, boolean cookieSecure, Optional<String> adminToken,
                          boolean trustedProxy, Duration pollInterval, int maxThreads, long maxBodyBytes) {
    public WebSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        if (adminToken.filter(t -> t.length() < 16).isPresent()) {
            throw new IllegalArgumentException("ADMIN_TOKEN must have at least 16 characters");
        }
    }

    public static WebSettings defaults() {
        return new WebSettings("0.0.0.0", 4567, true, Optional.empty(), false, Duration.ofMillis(5000), 16, 1 << 20);
    }

    public WebSettings withPort(int newPort) {
        return new WebSettings(host, newPort, cookieSecure, adminToken, trustedProxy, pollInterval, maxThreads,
                maxBodyBytes);
    }
}
