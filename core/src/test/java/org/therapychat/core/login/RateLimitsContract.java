package org.therapychat.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

public interface RateLimitsContract {
    RateLimits emptyRateLimits();

    Instant NOW = Instant.parse("2026-11-24T17:00:00Z");
    RateRule THREE_PER_HOUR_A_MINUTE_APART = new RateRule("otp", 3, Duration.ofHours(1), Duration.ofSeconds(60));

    @Test
    default void allowsUpToTheLimitThenTellsHowLongToWait() {
        RateLimits limits = emptyRateLimits();
        RateRule rule = THREE_PER_HOUR_A_MINUTE_APART;
        assertThat(limits.tryAcquire("k", rule, NOW)).isEmpty();
        assertThat(limits.tryAcquire("k", rule, NOW.plusSeconds(30))).contains(Duration.ofSeconds(30));
        assertThat(limits.tryAcquire("k", rule, NOW.plusSeconds(60))).isEmpty();
        assertThat(limits.tryAcquire("k", rule, NOW.plusSeconds(120))).isEmpty();
        assertThat(limits.tryAcquire("k", rule, NOW.plusSeconds(180))).contains(Duration.ofSeconds(3420));
        assertThat(limits.tryAcquire("k", rule, NOW.plusSeconds(3600))).isEmpty();
    }

    @Test
    default void keysAndRulesCountSeparately() {
        RateLimits limits = emptyRateLimits();
        RateRule other = new RateRule("ip", 1, Duration.ofHours(1), Duration.ZERO);
        assertThat(limits.tryAcquire("a", THREE_PER_HOUR_A_MINUTE_APART, NOW)).isEmpty();
        assertThat(limits.tryAcquire("b", THREE_PER_HOUR_A_MINUTE_APART, NOW)).isEmpty();
        assertThat(limits.tryAcquire("a", other, NOW)).isEmpty();
        assertThat(limits.tryAcquire("a", other, NOW.plusSeconds(1))).isPresent();
    }

    @Test
    default void aRefusedAttemptIsNotCounted() {
        RateLimits limits = emptyRateLimits();
        RateRule rule = new RateRule("r", 2, Duration.ofHours(1), Duration.ZERO);
        limits.tryAcquire("k", rule, NOW);
        limits.tryAcquire("k", rule, NOW.plusSeconds(10));
        assertThat(limits.tryAcquire("k", rule, NOW.plusSeconds(20))).isPresent();
        assertThat(limits.tryAcquire("k", rule, NOW.plusSeconds(3601))).isEmpty();
    }

    @Test
    default void concurrentAttemptsNeverExceedTheLimit() throws Exception {
        RateLimits limits = emptyRateLimits();
        RateRule rule = new RateRule("r", 3, Duration.ofHours(1), Duration.ZERO);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Duration>>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> limits.tryAcquire("k", rule, NOW)));
            }
            int allowed = 0;
            for (Future<Optional<Duration>> f : results) {
                allowed += f.get().isEmpty() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void aRefundGivesBackExactlyTheEventItNames() {
        RateLimits limits = emptyRateLimits();
        RateRule rule = new RateRule("r", 2, Duration.ofHours(1), Duration.ZERO);
        limits.tryAcquire("k", rule, NOW);
        limits.tryAcquire("k", rule, NOW.plusSeconds(10));
        assertThat(limits.tryAcquire("k", rule, NOW.plusSeconds(20))).isPresent();
        limits.refund("k", rule, NOW.plusSeconds(10));
        limits.refund("other", rule, NOW);
        assertThat(limits.tryAcquire("k", rule, NOW.plusSeconds(20))).as("one given back").isEmpty();
        assertThat(limits.tryAcquire("k", rule, NOW.plusSeconds(30))).as("only one").isPresent();
    }

    @Test
    default void aRefundGivesBackOneOfTwoEventsAtTheSameInstant() {
        RateLimits limits = emptyRateLimits();
        RateRule rule = new RateRule("r", 2, Duration.ofHours(1), Duration.ZERO);
        limits.tryAcquire("k", rule, NOW);
        limits.tryAcquire("k", rule, NOW);
        limits.refund("k", rule, NOW);
        assertThat(limits.tryAcquire("k", rule, NOW.plusSeconds(1))).isEmpty();
        assertThat(limits.tryAcquire("k", rule, NOW.plusSeconds(2))).isPresent();
    }

    @Test
    default void countsTheEventsTheRuleStillCountsForTheKey() {
        RateLimits limits = emptyRateLimits();
        RateRule rule = new RateRule("r", 3, Duration.ofHours(1), Duration.ZERO);
        RateRule other = new RateRule("o", 3, Duration.ofHours(1), Duration.ZERO);
        assertThat(limits.count("k", rule, NOW)).isZero();
        limits.tryAcquire("k", rule, NOW);
        limits.tryAcquire("k", rule, NOW.plusSeconds(600));
        limits.tryAcquire("k", other, NOW);
        limits.tryAcquire("j", rule, NOW);
        assertThat(limits.count("k", rule, NOW.plusSeconds(601))).isEqualTo(2);
        assertThat(limits.count("k", rule, NOW.plusSeconds(3600))).as("the first left the window").isEqualTo(1);
        assertThat(limits.count("k", rule, NOW.plusSeconds(4200))).isZero();
    }

    @Test
    default void housekeepingForgetsOnlyWhatIsOlderThanTheCutoff() {
        RateLimits limits = emptyRateLimits();
        RateRule rule = new RateRule("r", 1, Duration.ofHours(1), Duration.ZERO);
        limits.tryAcquire("old", rule, NOW);
        limits.tryAcquire("new", rule, NOW.plusSeconds(60));
        assertThat(limits.removeOlderThan(NOW.plusSeconds(30))).isEqualTo(1);
        assertThat(limits.tryAcquire("old", rule, NOW.plusSeconds(61))).as("forgotten").isEmpty();
        assertThat(limits.tryAcquire("new", rule, NOW.plusSeconds(61))).as("kept").isPresent();
    }

    @Test
    default void attemptsRacingHousekeepingNeverExceedTheLimit() throws Exception {
        RateLimits limits = emptyRateLimits();
        RateRule rule = new RateRule("r", 3, Duration.ofHours(1), Duration.ZERO);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String key = "k" + round;
                List<Future<Optional<Duration>>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> limits.tryAcquire(key, rule, NOW)));
                    pool.submit(() -> limits.removeOlderThan(NOW.minusSeconds(1)));
                }
                int allowed = 0;
                for (Future<Optional<Duration>> f : results) {
                    allowed += f.get().isEmpty() ? 1 : 0;
                }
                assertThat(allowed).as("round %d", round).isEqualTo(3);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
