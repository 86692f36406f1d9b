package org.therapychat.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.therapychat.web.RequestMetrics;

/**
 * Request rate and latency histogram per method, route template and status, as
 * {@code http_server_requests_seconds}. The timers are kept in a map of their own, so a poll
 * costs one lookup and one record; the number of series is capped, past which new
 * combinations count under the route {@code other}.
 */
final class MicrometerRequestMetrics implements RequestMetrics {
    private static final int MAX_SERIES = 300;
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private record Key(String method, String route, int status) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    MicrometerRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void record(String method, String route, int status, long nanos) {
        Key key = new Key(method, route, status);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.size() < MAX_SERIES ? timers.computeIfAbsent(key, this::timer)
                    : timers.computeIfAbsent(new Key(method, "other", status), this::timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder("http.server.requests")
                .description("HTTP requests answered, by method, route template and status")
                .tags("method", key.method(), "uri", key.route(), "status", Integer.toString(key.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
