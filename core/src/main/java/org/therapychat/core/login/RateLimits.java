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

    /**
     * Gives back one event that {@link #tryAcquire} recorded for {@code key} under {@code rule} at
     * {@code at} (what it paid for did not happen, e.g. a code that was never sent). Nothing
     * happens when there is no such event.
     */
    void refund(String key, RateRule rule, Instant at);

    /**
     * Housekeeping: forgets every event at or before {@code cutoff}, and every key left with no
     * event, so that what attackers can make this store hold is bounded by the rules' windows.
     * Returns how many events were forgotten.
     */
    int removeOlderThan(Instant cutoff);
}
