package org.therapychat.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.therapychat.core.fixtures.Samples.ana;
import static org.therapychat.core.fixtures.Samples.ben;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.memory.InMemoryAuthSessionStore;
import org.therapychat.core.memory.InMemoryChangeFeed;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.fixtures.Samples;
import org.therapychat.core.fixtures.FailingAuthSessionStore;
import org.therapychat.core.fixtures.World;
import org.therapychat.core.login.Role;

class AuthSessionsTest {
    private final World world = new World().withWeek1();

    @Test
    void aSessionHoldsTheUserAndTheTimeOfAuthentication() {
        SecretToken token = world.logIn(ana());
        AuthSession session = world.auth.authenticate(token).session();
        assertThat(session.user()).isEqualTo(ana().id());
        assertThat(session.authenticatedAt()).isEqualTo(world.now());
        assertThat(session.lastActivityAt()).isEqualTo(world.now());
        assertThat(session.currentTherapySession()).isEmpty();
    }

    @Test
    void theStoreKeepsOnlyTheTokensDigest() {
        SecretToken token = world.logIn(ana());
        assertThat(world.authStore.find(token.value())).isEmpty();
        assertThat(world.authStore.find(token.digest())).isPresent();
        assertThat(token.value()).hasSize(43);
    }

    @Test
    void aSessionExpiresAfterThirtyIdleMinutes() {
        SecretToken token = world.logIn(ana());
        world.clock.advance(Duration.ofMinutes(29));
        world.auth.authenticate(token);
        world.clock.advance(Duration.ofMinutes(29));
        world.auth.authenticate(token);
        world.clock.advance(Duration.ofMinutes(30));
        assertThatThrownBy(() -> world.auth.authenticate(token)).isInstanceOf(Unauthenticated.class);
        assertThat(world.authStore.find(token.digest())).isEmpty();
    }

    @Test
    void aSessionExpiresTwelveHoursAfterLoginHoweverActive() {
        SecretToken token = world.logIn(ana());
        for (int i = 0; i < 47; i++) {
            world.clock.advance(Duration.ofMinutes(15));
            world.auth.authenticate(token);
        }
        world.clock.advance(Duration.ofMinutes(15));
        assertThatThrownBy(() -> world.auth.authenticate(token)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void activityIsRecordedAtMostOncePerGranuleAndWrittenOnFlush() {
        SecretToken token = world.logIn(ana());
        var start = world.now();
        Duration granule = world.settings.sessionTouchGranularity();
        world.clock.advance(granule.minusSeconds(1));
        world.auth.authenticate(token);
        world.auth.flushActivity();
        assertThat(world.authStore.find(token.digest()).orElseThrow().lastActivityAt()).isEqualTo(start);
        world.clock.advance(Duration.ofSeconds(1));
        world.auth.authenticate(token);
        var touched = world.now();
        assertThat(world.authStore.find(token.digest()).orElseThrow().lastActivityAt()).as("not yet flushed").isEqualTo(start);
        world.auth.flushActivity();
        assertThat(world.authStore.find(token.digest()).orElseThrow().lastActivityAt()).isEqualTo(touched);
    }

    @Test
    void withNoSchedulerFlushingACallFindingTheActivityLongOverdueWritesIt() {
        SecretToken first = world.logIn(ana());
        SecretToken second = world.logIn(ben());
        world.clock.advance(world.settings.sessionTouchGranularity());
        world.auth.flushActivity();
        world.auth.authenticate(first);
        Instant firstActive = world.now();
        assertThat(world.authStore.find(first.digest()).orElseThrow().lastActivityAt()).isBefore(firstActive);
        world.clock.advance(AuthSessions.ACTIVITY_FLUSH_PERIOD.multipliedBy(3).plusSeconds(1));
        world.auth.authenticate(second);
        assertThat(world.authStore.find(first.digest()).orElseThrow().lastActivityAt()).isEqualTo(firstActive);
        assertThat(world.authStore.find(second.digest()).orElseThrow().lastActivityAt()).isEqualTo(world.now());
    }

    @Test
    void activityThatCouldNotBeWrittenIsKeptForTheNextFlush() {
        FailingAuthSessionStore failing = new FailingAuthSessionStore(new InMemoryAuthSessionStore()).touchesDown(true);
        AuthSessions auth = new AuthSessions(failing, world.users, world.clock, world.randomness, world.settings);
        SecretToken token = auth.create(ana().id(), java.util.Optional.empty());
        world.clock.advance(world.settings.sessionTouchGranularity());
        auth.authenticate(token);
        assertThatThrownBy(auth::flushActivity).isInstanceOf(PortFailure.class);
        failing.touchesDown(false);
        auth.flushActivity();
        assertThat(failing.find(token.digest()).orElseThrow().lastActivityAt()).isEqualTo(world.now());
    }

    @Test
    void logoutDestroysTheSession() {
        SecretToken token = world.logIn(ana());
        world.auth.logout(token);
        assertThatThrownBy(() -> world.auth.authenticate(token)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void aSessionWhoseUserIsGoneIsNoSession() {
        SecretToken token = world.logIn(ana());
        world.users.put(Samples.user(ana().id(), Role.PARTICIPANT, "Ana", "+16505550101", "Smith"));
        assertThat(world.auth.authenticate(token).id()).isEqualTo(ana().id());
        World other = new World();
        assertThatThrownBy(() -> other.auth.authenticate(token)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void removeExpiredForgetsOldSessions() {
        world.logIn(ana());
        world.clock.advance(Duration.ofMinutes(31));
        assertThat(world.auth.removeExpired()).isEqualTo(1);
    }

    @Test
    void housekeepingForgetsTheCachedSessionAndActivityItDeletes() {
        AuthSessions cached = new AuthSessions(world.authStore, world.users, world.clock, world.randomness,
                world.settings, new InMemoryChangeFeed(), Duration.ofHours(2), Duration.ofHours(2));
        SecretToken token = cached.create(ana().id(), Optional.empty());
        world.clock.advance(Duration.ofMinutes(29));
        cached.authenticate(token);
        world.clock.advance(Duration.ofSeconds(30));
        assertThat(cached.cachedSessions()).isEqualTo(1);
        world.clock.advance(Duration.ofMinutes(31));
        assertThat(cached.removeExpired()).isEqualTo(1);
        assertThat(cached.cachedSessions()).isZero();
        assertThat(cached.pendingActivity()).isZero();
    }

    @Test
    void housekeepingSparesASessionAnotherInstanceTouchedButHasNotWrittenYet() {
        AuthSessions instanceA = cachedForAMinute();
        AuthSessions instanceB = cachedForAMinute();
        SecretToken token = instanceB.create(ana().id(), Optional.empty());
        world.clock.advance(Duration.ofMinutes(30).minusSeconds(1));
        instanceB.flushActivity();
        instanceB.authenticate(token);
        world.clock.advance(Duration.ofSeconds(2));
        assertThat(instanceA.removeExpired()).as("B's activity of 2 s ago is not written yet").isZero();
        instanceB.flushActivity();
        assertThat(instanceB.authenticate(token).id()).isEqualTo(ana().id());
    }

    @Test
    void activityKeptInMemoryIsWrittenBeforeHousekeepingDeletes() {
        AuthSessions cached = cachedForAMinute();
        SecretToken token = cached.create(ana().id(), Optional.empty());
        world.clock.advance(Duration.ofMinutes(29));
        cached.authenticate(token);
        world.clock.advance(Duration.ofMinutes(2));
        assertThat(cached.removeExpired()).as("flushed before deleting").isZero();
        assertThat(cached.authenticate(token).id()).isEqualTo(ana().id());
    }

    @Test
    void aCachedSessionSparesTheStoreForItsTimeToLiveAndStillHonoursTimeouts() {
        AuthSessions cached = cachedForTwoSeconds();
        SecretToken token = cached.create(ana().id(), java.util.Optional.empty());
        cached.authenticate(token);
        world.authStore.remove(token.digest());
        assertThat(cached.authenticate(token).id()).as("another instance's logout, not yet seen").isEqualTo(ana().id());
        world.clock.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> cached.authenticate(token)).isInstanceOf(Unauthenticated.class);
    }

    @Test
    void aCallIntoATherapySessionRereadsACachedSessionThatIsNotInIt() {
        AuthSessions cached = cachedForTwoSeconds();
        SecretToken token = cached.create(ana().id(), java.util.Optional.empty());
        cached.authenticate(token);
        world.authStore.setCurrentTherapySession(token.digest(), java.util.Optional.of(Samples.WEEK_1));
        assertThat(cached.authenticate(token).session().currentTherapySession()).isEmpty();
        assertThat(cached.authenticateIn(token, Samples.WEEK_1).session().isIn(Samples.WEEK_1)).isTrue();
    }

    @Test
    void aLocalLogoutEndsACachedSessionAtOnce() {
        AuthSessions cached = cachedForTwoSeconds();
        SecretToken token = cached.create(ana().id(), java.util.Optional.empty());
        cached.authenticate(token);
        cached.logout(token);
        assertThatThrownBy(() -> cached.authenticate(token)).isInstanceOf(Unauthenticated.class);
    }

    private AuthSessions cachedForAMinute() {
        return new AuthSessions(world.authStore, world.users, world.clock, world.randomness, world.settings,
                new InMemoryChangeFeed(), Duration.ofMinutes(1), Duration.ofMinutes(1));
    }

    private AuthSessions cachedForTwoSeconds() {
        return new AuthSessions(world.authStore, world.users, world.clock, world.randomness, world.settings,
                new InMemoryChangeFeed(), Duration.ofSeconds(2), Duration.ofSeconds(2));
    }
}
