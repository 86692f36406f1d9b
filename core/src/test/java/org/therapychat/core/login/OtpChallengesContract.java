package org.therapychat.core.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.ANA;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

public interface OtpChallengesContract {
    OtpChallenges emptyOtpChallenges();

    Instant NOW = Instant.parse("2026-11-24T17:00:00Z");

    static OtpChallenge challenge(String key, Optional<org.therapychat.core.common.UserId> user, Instant issuedAt) {
        return new OtpChallenge(key, new PhoneNumber("+16505550101"), user, "ab".repeat(32), issuedAt,
                issuedAt.plus(Duration.ofMinutes(10)));
    }

    @Test
    default void keepsAChallengeWithAndWithoutAUser() {
        OtpChallenges store = emptyOtpChallenges();
        OtpChallenge known = challenge("k1", Optional.of(ANA), NOW);
        OtpChallenge unknown = challenge("k2", Optional.empty(), NOW);
        store.put(known);
        store.put(unknown);
        assertThat(store.find("k1")).contains(known);
        assertThat(store.find("k2")).contains(unknown);
        assertThat(store.find("k3")).isEmpty();
    }

    @Test
    default void keepsTheBudgetItsCodesAreCountedUnder() {
        OtpChallenges store = emptyOtpChallenges();
        OtpChallenge challenge = new OtpChallenge("k1", new PhoneNumber("+16505550101"), Optional.empty(),
                "ab".repeat(32), NOW, NOW.plusSeconds(600), "pair:" + "0f".repeat(32));
        store.put(challenge);
        assertThat(store.find("k1")).map(OtpChallenge::budgetKey).contains("pair:" + "0f".repeat(32));
    }

    @Test
    default void putReplacesTheChallengeWithThatKey() {
        OtpChallenges store = emptyOtpChallenges();
        store.put(challenge("k1", Optional.of(ANA), NOW));
        OtpChallenge resent = new OtpChallenge("k1", new PhoneNumber("+16505550101"), Optional.of(ANA), "cd".repeat(32),
                NOW.plusSeconds(61), NOW.plusSeconds(661));
        store.put(resent);
        assertThat(store.find("k1")).contains(resent);
    }

    @Test
    default void onlyOneOfTwoRacingRemovalsWins() throws Exception {
        OtpChallenges store = emptyOtpChallenges();
        store.put(challenge("k1", Optional.of(ANA), NOW));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> store.remove("k1")));
            }
            int wins = 0;
            for (Future<Boolean> f : results) {
                wins += f.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
            assertThat(store.find("k1")).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void removeIfCodeRemovesOnlyWhileTheChallengeHoldsThatCode() {
        OtpChallenges store = emptyOtpChallenges();
        OtpChallenge first = challenge("k1", Optional.of(ANA), NOW);
        store.put(first);
        store.put(new OtpChallenge("k1", first.phone(), first.user(), "cd".repeat(32), NOW, first.expiresAt()));
        assertThat(store.removeIfCode("k1", first.codeHash())).as("superseded by a newer code").isFalse();
        assertThat(store.find("k1")).isPresent();
        assertThat(store.removeIfCode("k1", "cd".repeat(32))).isTrue();
        assertThat(store.find("k1")).isEmpty();
        assertThat(store.removeIfCode("k1", "cd".repeat(32))).as("already gone").isFalse();
    }

    @Test
    default void removeExpiredDropsOnlyExpiredChallenges() {
        OtpChallenges store = emptyOtpChallenges();
        store.put(challenge("old", Optional.of(ANA), NOW.minus(Duration.ofMinutes(11))));
        store.put(challenge("fresh", Optional.of(ANA), NOW.minus(Duration.ofMinutes(1))));
        assertThat(store.removeExpired(NOW)).isEqualTo(1);
        assertThat(store.find("old")).isEmpty();
        assertThat(store.find("fresh")).isPresent();
    }
}
