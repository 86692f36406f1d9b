package org.therapychat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.core.chat.QueuedAction;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Identifier;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserDirectory;
import org.therapychat.core.live.LiveListener;
import org.therapychat.core.memory.InMemoryActionLog;
import org.therapychat.core.memory.InMemoryLiveListener;
import org.therapychat.core.admin.TherapySessionSpec;
import org.therapychat.core.admin.UserSpec;
import org.therapychat.core.fixtures.FakeClock;
import org.therapychat.core.therapy.SessionDefinition;

/**
 * How a research platform embeds the core: its own user directory and SMS gateway given to
 * {@link TherapyChatCore#builder()}, every other port in memory (or any of them overridden).
 */
class EmbeddingExampleTest {
    /** The platform's own participant records. */
    private final User ana = new User(UserId.of("P123"), Role.PARTICIPANT, "Ana", new PhoneNumber("+16505550101"),
            new Identifier("Smith"));
    private final UserDirectory platformUsers = new UserDirectory() {
        public Optional<User> findById(UserId id) {
            return Optional.of(ana).filter(u -> u.id().equals(id));
        }

        public List<User> findByPhone(PhoneNumber phone) {
            return ana.phone().equals(phone) ? List.of(ana) : List.of();
        }
    };
    /** The platform's own SMS gateway. */
    private final List<String> gatewayOutbox = new ArrayList<>();

    @Test
    void aPlatformLogsAUserInAndPostsAMessage() {
        // --- the wiring an embedder writes: its own users and SMS gateway, everything else in memory ---
        TherapyChatCore core = TherapyChatCore.builder()
                .users(platformUsers)
                .sms((to, text) -> gatewayOutbox.add(text))
                .build();
        // --- the platform's session, then a login and a message, heard live ---
        TherapySessionId week1 = TherapySessionId.of("week-1");
        core.therapySessions().define(new SessionDefinition(week1, "Week 1", "", Instant.now(),
                org.therapychat.core.therapy.Admission.AUTO, List.of(ana.id())));

        var started = core.login().start("+1 650 555 0101", "smith", "10.0.0.1");
        String code = gatewayOutbox.get(0).replaceAll("(?s).*code is (\\d{6}).*", "$1");
        SecretToken session = core.login().verify(started.pendingLogin(), code, Optional.empty());
        core.therapy().enter(core.auth().authenticate(session), week1);
        InMemoryLiveListener hears = new InMemoryLiveListener();
        core.live().open(session, week1, hears);
        var result = core.chat().sync(core.auth().authenticate(session), week1, 0, List.of(new QueuedAction.Request(
                "c-1", null, "message", List.of(), "Hello from the platform", null, null, null, null)));

        assertThat(result.accepted()).hasSize(1);
        assertThat(result.read().actions()).extracting(a -> a.action().type()).containsExactly("notice", "message");
        assertThat(hears.wakes()).flatExtracting(w -> w.data()).extracting(a -> a.action().type()).contains("message");
    }

    /** The embedded core announces logins that end, so its live listeners close at once, not at a recheck. */
    @Test
    void anEmbeddedCoreClosesLiveListenersAtOnceOnLogoutAndOnDisabling() {
        TherapyChatCore core = TherapyChatCore.builder().sms((to, text) -> gatewayOutbox.add(text)).build();
        core.admin().putUser(UserId.of("P1"), new UserSpec("participant", "Ana", "+16505550101", "Smith"));
        core.admin().putUser(UserId.of("P2"), new UserSpec("participant", "Bo", "+16505550102", "Bo"));
        TherapySessionId week1 = TherapySessionId.of("week-1");
        core.admin().putTherapySession(week1, new TherapySessionSpec("Week 1", "", Instant.now().toString(),
                List.of("P1", "P2"), "auto"));
        SecretToken ana = logIn(core, "+16505550101", "Smith");
        SecretToken bo = logIn(core, "+16505550102", "Bo");
        InMemoryLiveListener anaHears = new InMemoryLiveListener();
        InMemoryLiveListener boHears = new InMemoryLiveListener();
        core.live().open(ana, week1, anaHears);
        core.live().open(bo, week1, boHears);

        core.auth().logout(ana);
        assertThat(anaHears.closedWith()).contains(LiveListener.CloseReason.LOGGED_OUT);
        assertThat(boHears.closedWith()).isEmpty();

        core.admin().putUser(UserId.of("P2"), new UserSpec(null, null, null, null, true));
        assertThat(boHears.closedWith()).contains(LiveListener.CloseReason.LOGGED_OUT);
    }

    private SecretToken logIn(TherapyChatCore core, String phone, String identifier) {
        var started = core.login().start(phone, identifier, "10.0.0.1");
        String code = gatewayOutbox.get(gatewayOutbox.size() - 1).replaceAll("(?s).*code is (\\d{6}).*", "$1");
        SecretToken token = core.login().verify(started.pendingLogin(), code, Optional.empty());
        core.therapy().enter(core.auth().authenticate(token), TherapySessionId.of("week-1"));
        return token;
    }

    @Test
    void anyPortCanBeReplacedAndAPlatformsDirectoryIsReadOnly() {
        FakeClock clock = new FakeClock(Instant.parse("2026-11-24T17:00:00Z"));
        InMemoryActionLog log = new InMemoryActionLog();
        TherapyChatCore standalone = TherapyChatCore.builder().actionLog(log).clock(clock).build();
        standalone.admin().putUser(UserId.of("P1"), new UserSpec("participant", "Ana", "+16505550101", "Smith"));
        standalone.admin().putTherapySession(TherapySessionId.of("week-1"), new TherapySessionSpec("Week 1", "",
                "2026-11-24T18:00:00Z", List.of("P1"), "auto"));
        standalone.admin().postNotice(TherapySessionId.of("week-1"), "Welcome");

        assertThat(log.readAfter(TherapySessionId.of("week-1"), 0, 10)).last()
                .satisfies(a -> assertThat(a.timestamp()).isEqualTo(clock.now()));
        TherapyChatCore embedded = TherapyChatCore.builder().users(platformUsers).build();
        assertThatThrownBy(() -> embedded.admin().putUser(UserId.of("P9"),
                new UserSpec("participant", "Bo", "+16505550109", "Bo"))).isInstanceOf(UnsupportedOperationException.class);
    }
}
