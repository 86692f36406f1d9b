package org.therapychat.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.web.Routes;
import org.therapychat.web.Web;
import spark.Request;
import spark.Service;

/** {@code GET /metrics} in Prometheus's text format, behind {@code Authorization: Bearer $METRICS_TOKEN}. */
final class MetricsRoutes implements Routes {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final Optional<byte[]> expected;
    private final PrometheusMeterRegistry registry;

    MetricsRoutes(Optional<String> token, PrometheusMeterRegistry registry) {
        this.expected = token.map(MetricsRoutes::digest);
        this.registry = registry;
    }

    @Override
    public void register(Service http, Web web) {
        http.get("/metrics", (req, res) -> {
            authorize(req, res);
            res.type(PROMETHEUS_TEXT);
            return registry.scrape();
        });
    }

    private void authorize(Request req, spark.Response res) {
        if (expected.isEmpty()) {
            throw new NotFound("No such endpoint.");
        }
        String header = req.headers("Authorization");
        byte[] given = digest(header != null && header.startsWith("Bearer ") ? header.substring(7) : "");
        if (!MessageDigest.isEqual(expected.get(), given)) {
            res.header("WWW-Authenticate", "Bearer");
            throw new Unauthenticated("A valid metrics token is required.");
        }
    }

    /** Digests first, so the comparison takes the same time whatever the token's length. */
    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
