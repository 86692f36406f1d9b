package org.therapychat.core.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.WEEK_2;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

public interface WaitingRoomContract {
    WaitingRoom emptyWaitingRoom();

    Instant NOW = Instant.parse("2026-11-24T17:00:00Z");

    @Test
    default void arrivingSaysWhetherTheParticipantWasNotWaitingYet() {
        WaitingRoom room = emptyWaitingRoom();
        assertThat(room.arrive(WEEK_1, ANA, NOW, NOW.minusSeconds(60))).isTrue();
        assertThat(room.arrive(WEEK_1, ANA, NOW.plusSeconds(5), NOW.minusSeconds(55))).isFalse();
        assertThat(room.arrive(WEEK_2, ANA, NOW, NOW.minusSeconds(60))).isTrue();
        assertThat(room.waiting(WEEK_1, NOW.minusSeconds(60))).isEqualTo(Map.of(ANA, NOW));
    }

    @Test
    default void onlyThoseSeenSinceTheCutoffAreWaitingSinceTheirArrival() {
        WaitingRoom room = emptyWaitingRoom();
        room.arrive(WEEK_1, ANA, NOW, NOW.minusSeconds(60));
        room.arrive(WEEK_1, ANA, NOW.plusSeconds(50), NOW.minusSeconds(10));
        room.arrive(WEEK_1, BEN, NOW, NOW.minusSeconds(60));
        assertThat(room.waiting(WEEK_1, NOW.plusSeconds(10))).isEqualTo(Map.of(ANA, NOW));
    }

    @Test
    default void aParticipantGoneStaleArrivesAfresh() {
        WaitingRoom room = emptyWaitingRoom();
        room.arrive(WEEK_1, ANA, NOW, NOW.minusSeconds(60));
        assertThat(room.arrive(WEEK_1, ANA, NOW.plusSeconds(120), NOW.plusSeconds(60))).isTrue();
        assertThat(room.waiting(WEEK_1, NOW.plusSeconds(60))).isEqualTo(Map.of(ANA, NOW.plusSeconds(120)));
    }

    @Test
    default void removeSaysWhetherTheParticipantWasWaiting() {
        WaitingRoom room = emptyWaitingRoom();
        room.arrive(WEEK_1, ANA, NOW, NOW.minusSeconds(60));
        assertThat(room.remove(WEEK_1, ANA)).isTrue();
        assertThat(room.remove(WEEK_1, ANA)).isFalse();
        assertThat(room.waiting(WEEK_1, NOW.minusSeconds(60))).isEmpty();
    }
}
