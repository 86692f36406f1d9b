package org.therapychat.core.login;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Event counters behind the login limits; a shared backend makes the limits hold across instances. */
public interface RateLimits {
    /**
     * Atomically: if {@code rule} allows one more event for {@code key} at {@code now}, records
     * it and returns empty; otherwise records nothing and returns how long to wait. Events older
     * than the rule's window may be forgotten.
     */
    Optional<Duration> tryAcquire(String key, RateRule rule, Instant now);
}
