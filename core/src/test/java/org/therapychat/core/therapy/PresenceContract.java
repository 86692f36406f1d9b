package org.therapychat.core.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.WEEK_2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.UserId;

public interface PresenceContract {
    Presence emptyPresence();

    Instant NOW = Instant.parse("2026-11-24T17:00:00Z");

    @Test
    default void markingPresentSaysWhetherTheUserArrived() {
        Presence presence = emptyPresence();
        assertThat(presence.markPresent(WEEK_1, ANA, NOW)).isTrue();
        assertThat(presence.markPresent(WEEK_1, ANA, NOW.plusSeconds(5))).isFalse();
        assertThat(presence.markPresent(WEEK_2, ANA, NOW)).isTrue();
        assertThat(presence.present(WEEK_1)).containsExactly(ANA);
    }

    @Test
    default void aPollsMarkSaysWhetherTheUserArrivedToo() {
        Presence presence = emptyPresence();
        assertThat(presence.stillPresent(WEEK_1, ANA, NOW)).isTrue();
        presence.remove(WEEK_1, ANA);
        assertThat(presence.markPresent(WEEK_1, ANA, NOW.plusSeconds(1))).isTrue();
        assertThat(presence.present(WEEK_1)).containsExactly(ANA);
    }

    @Test
    default void removeSaysWhetherTheUserWasThere() {
        Presence presence = emptyPresence();
        presence.markPresent(WEEK_1, ANA, NOW);
        assertThat(presence.remove(WEEK_1, ANA)).isTrue();
        assertThat(presence.remove(WEEK_1, ANA)).isFalse();
        assertThat(presence.present(WEEK_1)).isEmpty();
    }

    @Test
    default void lapsesOnlyThoseNotSeenSinceTheCutoff() {
        Presence presence = emptyPresence();
        presence.markPresent(WEEK_1, ANA, NOW);
        presence.markPresent(WEEK_1, BEN, NOW.plusSeconds(50));
        presence.markPresent(WEEK_2, ANA, NOW);
        assertThat(presence.removeSeenBefore(WEEK_1, NOW.plusSeconds(10))).containsExactly(ANA);
        assertThat(presence.present(WEEK_1)).containsExactly(BEN);
        assertThat(presence.present(WEEK_2)).containsExactly(ANA);
    }

    @Test
    default void seenSinceListsOnlyThoseSeenAtOrAfterTheInstant() {
        Presence presence = emptyPresence();
        presence.markPresent(WEEK_1, ANA, NOW);
        presence.markPresent(WEEK_1, BEN, NOW.plusSeconds(50));
        presence.markPresent(WEEK_2, ANA, NOW.plusSeconds(50));
        assertThat(presence.seenSince(WEEK_1, NOW.plusSeconds(10))).containsExactly(BEN);
        assertThat(presence.seenSince(WEEK_1, NOW.plusSeconds(50))).containsExactly(BEN);
        assertThat(presence.seenSince(WEEK_1, NOW)).containsExactlyInAnyOrder(ANA, BEN);
        assertThat(presence.present(WEEK_1)).as("an away user is still there until a sweep").containsExactlyInAnyOrder(ANA, BEN);
    }

    @Test
    default void ofRacingLapsesExactlyOneRemovesEachUser() throws Exception {
        Presence presence = emptyPresence();
        presence.markPresent(WEEK_1, ANA, NOW);
        presence.markPresent(WEEK_1, BEN, NOW);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<UserId>>> sweeps = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sweeps.add(pool.submit(() -> presence.removeSeenBefore(WEEK_1, NOW.plusSeconds(60))));
            }
            List<UserId> removed = new ArrayList<>();
            for (Future<List<UserId>> f : sweeps) {
                removed.addAll(f.get());
            }
            assertThat(removed).containsExactlyInAnyOrder(ANA, BEN);
        } finally {
            pool.shutdownNow();
        }
    }
}
