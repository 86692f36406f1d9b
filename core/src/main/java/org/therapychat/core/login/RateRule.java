package org.therapychat.core.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * A sliding-window limit: at most {@code maxEvents} in any {@code window}, and at least
 * {@code minGap} between two events. Stores call {@link #waitTime} inside their own atomic
 * section, so every backend applies exactly this arithmetic.
 *
 * @param name tells rules apart in a store, e.g. per phone or per IP
 * @param maxEvents at least 1
 * @param window positive, e.g. one hour
 * @param minGap zero or more, e.g. 60 s between two codes
 */
public record RateRule(String name, int maxEvents, Duration window, Duration minGap) {
    /**
     * Checks the rule.
     *
     * @param name the rule's name
     * @param maxEvents at least 1
     * @param window positive
     * @param minGap zero or more
     * @throws IllegalArgumentException if a value is out of range
     */
    public RateRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(minGap, "minGap");
        if (maxEvents < 1 || window.isNegative() || window.isZero() || minGap.isNegative()) {
            throw new IllegalArgumentException("a rate rule needs a positive window and at least one event");
        }
    }

    /**
     * How long to wait before one more event is allowed, given the earlier events; empty if allowed now.
     *
     * @param earlier the times of the key's recorded events, in any order
     * @param now the time of the proposed event
     * @return the wait, or empty if the event is allowed now
     */
    public Optional<Duration> waitTime(Collection<Instant> earlier, Instant now) {
        Instant windowStart = now.minus(window);
        Instant latest = null;
        Instant oldestInWindow = null;
        int inWindow = 0;
        for (Instant at : earlier) {
            if (at.isAfter(windowStart)) {
                inWindow++;
                oldestInWindow = oldestInWindow == null || at.isBefore(oldestInWindow) ? at : oldestInWindow;
            }
            latest = latest == null || at.isAfter(latest) ? at : latest;
        }
        Duration wait = Duration.ZERO;
        if (latest != null && !minGap.isZero()) {
            wait = max(wait, Duration.between(now, latest.plus(minGap)));
        }
        if (inWindow >= maxEvents) {
            wait = max(wait, Duration.between(now, oldestInWindow.plus(window)));
        }
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
