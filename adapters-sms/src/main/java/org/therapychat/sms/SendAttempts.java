package org.therapychat.sms;

import java.time.Duration;
import java.util.Optional;
import org.therapychat.core.common.DomainException.PortFailure;

/**
 * The attempts of one send to an SMS provider: every attempt and every wait between them ends by
 * one deadline, at most {@code maxAttempts} tries, waits doubling from {@code firstBackoff} unless
 * the provider said how long to wait. Shared by the provider adapters so that each only decides
 * which answers are worth another try. Not thread-safe: one instance per send.
 */
final class SendAttempts {
    private final int maxAttempts;
    private final long deadline;
    private Duration backoff;
    private int made;

    SendAttempts(int maxAttempts, Duration firstBackoff, Duration sendDeadline) {
        this.maxAttempts = maxAttempts;
        this.backoff = firstBackoff;
        this.deadline = System.nanoTime() + sendDeadline.toNanos();
    }

    /**
     * Starts the next attempt.
     *
     * @return the time the attempt may take, or empty when the deadline has passed
     */
    Optional<Duration> next() {
        Duration left = left();
        if (left.toMillis() < 1) {
            return Optional.empty();
        }
        made++;
        return Optional.of(left);
    }

    /** Attempts started so far. */
    int made() {
        return made;
    }

    /**
     * How long to wait before another try: the provider's {@code hint} if it gave one, else the
     * backoff, which doubles each time.
     *
     * @return empty when no try is left or the wait would end past the deadline
     */
    Optional<Duration> waitBeforeRetry(Optional<Duration> hint) {
        Duration wait = hint.orElse(backoff);
        if (hint.isEmpty()) {
            backoff = backoff.multipliedBy(2);
        }
        if (made >= maxAttempts || wait.compareTo(left()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(wait);
    }

    static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortFailure("Interrupted while waiting to retry the SMS.", e);
        }
    }

    private Duration left() {
        return Duration.ofNanos(deadline - System.nanoTime());
    }
}
