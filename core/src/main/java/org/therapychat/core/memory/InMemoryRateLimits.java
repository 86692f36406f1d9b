package org.therapychat.core.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.therapychat.core.login.RateLimits;
import org.therapychat.core.login.RateRule;

/** Login limits counted in this process's memory: they hold for one instance only. */
public final class InMemoryRateLimits implements RateLimits {
    private final Map<String, List<Instant>> events = new ConcurrentHashMap<>();

    @Override
    public Optional<Duration> tryAcquire(String key, RateRule rule, Instant now) {
        Optional<Duration>[] answer = new Optional[1];
        events.compute(id(key, rule), (k, earlier) -> {
            List<Instant> kept = new ArrayList<>();
            if (earlier != null) {
                Instant horizon = now.minus(rule.window()).minus(rule.minGap());
                earlier.stream().filter(at -> at.isAfter(horizon)).forEach(kept::add);
            }
            answer[0] = rule.waitTime(kept, now);
            if (answer[0].isEmpty()) {
                kept.add(now);
            }
            return kept.isEmpty() ? null : kept;
        });
        return answer[0];
    }

    @Override
    public int count(String key, RateRule rule, Instant now) {
        Instant windowStart = now.minus(rule.window());
        // every change stores a new list, so the one read here is never written to
        return (int) events.getOrDefault(id(key, rule), List.of()).stream().filter(at -> at.isAfter(windowStart)).count();
    }

    @Override
    public void refund(String key, RateRule rule, Instant at) {
        events.computeIfPresent(id(key, rule), (k, earlier) -> {
            List<Instant> kept = new ArrayList<>(earlier);
            kept.remove(at);
            return kept.isEmpty() ? null : kept;
        });
    }

    @Override
    public int removeOlderThan(Instant cutoff) {
        AtomicInteger removed = new AtomicInteger();
        for (String id : events.keySet()) {
            events.computeIfPresent(id, (k, earlier) -> {
                List<Instant> kept = earlier.stream().filter(at -> at.isAfter(cutoff)).toList();
                removed.addAndGet(earlier.size() - kept.size());
                return kept.isEmpty() ? null : new ArrayList<>(kept);
            });
        }
        return removed.get();
    }

    /**
     * How many keys hold events: what housekeeping bounds.
     *
     * @return the number of keys
     */
    public int keys() {
        return events.size();
    }

    private static String id(String key, RateRule rule) {
        return rule.name() + "|" + key;
    }
}
