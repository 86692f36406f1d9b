package org.therapychat.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.WEEK_1;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

public interface AuthSessionStoreContract {
    AuthSessionStore emptyAuthSessionStore();

    Instant NOW = Instant.parse("2026-11-24T17:00:00Z");

    @Test
    default void keepsASessionByKey() {
        AuthSessionStore store = emptyAuthSessionStore();
        AuthSession session = new AuthSession("k1", ANA, NOW, NOW, Optional.empty());
        store.put(session);
        assertThat(store.find("k1")).contains(session);
        assertThat(store.find("k2")).isEmpty();
    }

    @Test
    default void touchMovesLastActivityForwardOnly() {
        AuthSessionStore store = emptyAuthSessionStore();
        store.put(new AuthSession("k1", ANA, NOW, NOW.plusSeconds(60), Optional.empty()));
        store.touchAll(Map.of("k1", NOW.plusSeconds(30)));
        assertThat(store.find("k1").orElseThrow().lastActivityAt()).isEqualTo(NOW.plusSeconds(60));
        store.touchAll(Map.of("k1", NOW.plusSeconds(90)));
        assertThat(store.find("k1").orElseThrow().lastActivityAt()).isEqualTo(NOW.plusSeconds(90));
    }

    @Test
    default void touchesManySessionsAtOnceAndIgnoresOnesThatAreGone() {
        AuthSessionStore store = emptyAuthSessionStore();
        store.put(new AuthSession("k1", ANA, NOW, NOW, Optional.empty()));
        store.put(new AuthSession("k2", ANA, NOW, NOW.plusSeconds(100), Optional.empty()));
        store.put(new AuthSession("k3", ANA, NOW, NOW, Optional.empty()));
        store.touchAll(Map.of("k1", NOW.plusSeconds(40), "k2", NOW.plusSeconds(50), "gone", NOW.plusSeconds(60)));
        store.touchAll(Map.of());
        assertThat(store.find("k1").orElseThrow().lastActivityAt()).isEqualTo(NOW.plusSeconds(40));
        assertThat(store.find("k2").orElseThrow().lastActivityAt()).isEqualTo(NOW.plusSeconds(100));
        assertThat(store.find("k3").orElseThrow().lastActivityAt()).isEqualTo(NOW);
        assertThat(store.find("gone")).isEmpty();
    }

    @Test
    default void recordsTheCurrentTherapySession() {
        AuthSessionStore store = emptyAuthSessionStore();
        store.put(new AuthSession("k1", ANA, NOW, NOW, Optional.empty()));
        store.setCurrentTherapySession("k1", Optional.of(WEEK_1));
        assertThat(store.find("k1").orElseThrow().currentTherapySession()).contains(WEEK_1);
        store.setCurrentTherapySession("k1", Optional.empty());
        assertThat(store.find("k1").orElseThrow().currentTherapySession()).isEmpty();
    }

    @Test
    default void removeForgetsTheSession() {
        AuthSessionStore store = emptyAuthSessionStore();
        store.put(new AuthSession("k1", ANA, NOW, NOW, Optional.empty()));
        store.remove("k1");
        store.remove("k1");
        assertThat(store.find("k1")).isEmpty();
    }

    @Test
    default void removeExpiredDropsIdleAndTooOldSessions() {
        AuthSessionStore store = emptyAuthSessionStore();
        store.put(new AuthSession("idle", ANA, NOW, NOW, Optional.empty()));
        store.put(new AuthSession("old", ANA, NOW.minus(Duration.ofHours(13)), NOW.plusSeconds(3000), Optional.empty()));
        store.put(new AuthSession("fine", ANA, NOW, NOW.plusSeconds(3000), Optional.empty()));
        Instant later = NOW.plusSeconds(3100);
        assertThat(store.removeExpired(later.minus(Duration.ofMinutes(30)), later.minus(Duration.ofHours(12))))
                .as("the keys it removed").containsExactlyInAnyOrder("idle", "old");
        assertThat(store.find("fine")).isPresent();
        assertThat(store.find("idle")).isEmpty();
        assertThat(store.find("old")).isEmpty();
    }

    @Test
    default void removingAllOfAUserLeavesOthersSessions() {
        AuthSessionStore store = emptyAuthSessionStore();
        store.put(new AuthSession("k1", ANA, NOW, NOW, Optional.empty()));
        store.put(new AuthSession("k2", ANA, NOW, NOW, Optional.of(WEEK_1)));
        store.put(new AuthSession("k3", org.therapychat.core.fixtures.Samples.BEN, NOW, NOW, Optional.empty()));
        assertThat(store.removeAllOf(ANA)).containsExactlyInAnyOrder("k1", "k2");
        assertThat(store.find("k1")).isEmpty();
        assertThat(store.find("k2")).isEmpty();
        assertThat(store.find("k3")).isPresent();
        assertThat(store.removeAllOf(ANA)).isEmpty();
    }
}
