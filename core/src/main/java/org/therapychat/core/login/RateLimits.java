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
     *
     * @param key what is counted, e.g. a phone number or a client IP, as the caller names it
     * @param rule the limit
     * @param now the time of the event
     * @return empty if recorded; else the wait until one more is allowed
     */
    Optional<Duration> tryAcquire(String key, RateRule rule, Instant now);

    /**
     * How many events {@code rule} still counts for {@code key} at {@code now}: those inside its window.
     *
     * @param key what is counted, as the caller names it
     * @param rule the limit
     * @param now the time to judge at
     * @return the number of recorded events within the rule's window before {@code now}
     */
    int count(String key, RateRule rule, Instant now);

    /**
     * Gives back one event that {@link #tryAcquire} recorded for {@code key} under {@code rule} at
     * {@code at} (what it paid for did not happen, e.g. a code that was never sent). Nothing
     * happens when there is no such event.
     *
     * @param key the key it was recorded under
     * @param rule the rule it was recorded under
     * @param at the time it was recorded with
     */
    void refund(String key, RateRule rule, Instant at);

    /**
     * Housekeeping: forgets every event at or before {@code cutoff}, and every key left with no
     * event, so that what attackers can make this store hold is bounded by the rules' windows.
     *
     * @param cutoff events at or before it go; older than the longest window of any rule
     * @return how many events were forgotten
     */
    int removeOlderThan(Instant cutoff);
}
