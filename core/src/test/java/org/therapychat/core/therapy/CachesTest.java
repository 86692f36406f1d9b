package org.therapychat.core.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.WEEK_1;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.therapychat.core.fixtures.FakeClock;
import org.therapychat.core.fixtures.Samples;
import org.therapychat.core.login.CachingUserStore;
import org.therapychat.core.login.Role;
import org.therapychat.core.memory.InMemoryChangeFeed;
import org.therapychat.core.memory.InMemoryPresence;
import org.therapychat.core.memory.InMemoryTherapySessions;
import org.therapychat.core.memory.InMemoryUserStore;

/** The decorators that keep the poll path off the database, and how stale each may be. */
class CachesTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void aCachedSessionIsDroppedOnLocalWritesAndExpiresForOthers() {
        InMemoryTherapySessions store = new InMemoryTherapySessions();
        CachingTherapySessions cached = new CachingTherapySessions(store, new InMemoryChangeFeed(), clock,
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        store.define(Samples.definition(WEEK_1, clock.now(), ANA));
        assertThat(cached.find(WEEK_1)).isPresent();
        cached.updateMember(WEEK_1, Member.newcomer(ANA).revoke());
        assertThat(cached.find(WEEK_1).orElseThrow().member(ANA).orElseThrow().revoked()).isTrue();
        store.setStatus(WEEK_1, SessionStatus.ENDED);
        assertThat(cached.find(WEEK_1).orElseThrow().status()).as("another instance's change, not yet seen")
                .isEqualTo(SessionStatus.SCHEDULED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cached.find(WEEK_1).orElseThrow().status()).isEqualTo(SessionStatus.ENDED);
    }

    @Test
    void aCachedUserExpiresAndIsDroppedOnPutAndAnAbsentOneIsNotRemembered() {
        InMemoryUserStore store = new InMemoryUserStore();
        CachingUserStore cached = new CachingUserStore(store, new InMemoryChangeFeed(), clock, Duration.ofSeconds(5),
                Duration.ofSeconds(5));
        assertThat(cached.findById(ANA)).isEmpty();
        store.put(Samples.ana());
        assertThat(cached.findById(ANA)).as("absence is not cached").isPresent();
        store.put(Samples.user(ANA, Role.PARTICIPANT, "Ana elsewhere", "+16505550101", "Smith"));
        assertThat(cached.findById(ANA).orElseThrow().displayName()).as("another instance's change, not yet seen")
                .isEqualTo(Samples.ana().displayName());
        clock.advance(Duration.ofSeconds(5));
        assertThat(cached.findById(ANA).orElseThrow().displayName()).isEqualTo("Ana elsewhere");
        cached.put(Samples.user(ANA, Role.PARTICIPANT, "Ana B", "+16505550101", "Smith"));
        assertThat(cached.findById(ANA).orElseThrow().displayName()).isEqualTo("Ana B");
    }

    @Test
    void presenceIsWrittenAtMostEveryTenSecondsAndSweptAtMostEveryFive() {
        InMemoryPresence store = new InMemoryPresence();
        ThrottledPresence presence = new ThrottledPresence(store, clock, Duration.ofSeconds(10), Duration.ofSeconds(5));
        assertThat(presence.markPresent(WEEK_1, ANA, clock.now())).isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThat(presence.stillPresent(WEEK_1, ANA, clock.now())).isFalse();
        presence.markPresent(WEEK_1, BEN, clock.now());
        clock.advance(Duration.ofSeconds(56));
        assertThat(presence.removeSeenBefore(WEEK_1, clock.now().minusSeconds(60))).containsExactly(ANA);
        clock.advance(Duration.ofSeconds(1));
        assertThat(presence.removeSeenBefore(WEEK_1, clock.now().minusSeconds(60))).as("swept a second ago").isEmpty();
        clock.advance(Duration.ofSeconds(5));
        assertThat(presence.removeSeenBefore(WEEK_1, clock.now().minusSeconds(60))).containsExactly(BEN);
        assertThat(presence.stillPresent(WEEK_1, ANA, clock.now())).as("back after a lapse").isTrue();
    }

    @Test
    void anEntryAlwaysWritesSoALeaveThroughAnotherInstanceCannotHideIt() {
        InMemoryPresence shared = new InMemoryPresence();
        ThrottledPresence first = new ThrottledPresence(shared, clock, Duration.ofSeconds(20), Duration.ofSeconds(5));
        ThrottledPresence second = new ThrottledPresence(shared, clock, Duration.ofSeconds(20), Duration.ofSeconds(5));
        assertThat(first.markPresent(WEEK_1, ANA, clock.now())).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(second.remove(WEEK_1, ANA)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(first.markPresent(WEEK_1, ANA, clock.now())).as("entered again within the throttle").isTrue();
        assertThat(shared.present(WEEK_1)).containsExactly(ANA);
        assertThat(first.stillPresent(WEEK_1, ANA, clock.now().plusSeconds(5))).as("a poll soon after is not written")
                .isFalse();
    }
}
