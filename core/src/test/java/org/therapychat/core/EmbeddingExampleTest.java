package org.therapychat.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.chat.ChatService;
import org.therapychat.core.chat.QueuedAction;
import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.SecureRandomness;
import org.therapychat.core.common.Settings;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Identifier;
import org.therapychat.core.login.LoginService;
import org.therapychat.core.login.OtpHasher;
import org.therapychat.core.login.OtpText;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.StrictPhoneNumberParser;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserDirectory;
import org.therapychat.core.memory.InMemoryActionLog;
import org.therapychat.core.memory.InMemoryAssessments;
import org.therapychat.core.memory.InMemoryAuthSessionStore;
import org.therapychat.core.memory.InMemoryOtpChallenges;
import org.therapychat.core.memory.InMemoryPresence;
import org.therapychat.core.memory.InMemoryRateLimits;
import org.therapychat.core.memory.InMemoryTherapySessions;
import org.therapychat.core.therapy.SessionDefinition;
import org.therapychat.core.therapy.TherapyService;

/** How a research platform embeds the core: its own user directory and SMS gateway, plain constructors. */
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
        // --- the wiring an embedder writes ---
        Clock clock = Clock.system();
        SecureRandomness random = new SecureRandomness();
        Settings settings = Settings.defaults();
        InMemoryTherapySessions sessions = new InMemoryTherapySessions();
        InMemoryActionLog log = new InMemoryActionLog();
        AuthSessions auth = new AuthSessions(new InMemoryAuthSessionStore(), platformUsers, clock, random, settings);
        LoginService login = new LoginService(platformUsers, new StrictPhoneNumberParser(), new InMemoryOtpChallenges(),
                new InMemoryRateLimits(), (to, text) -> gatewayOutbox.add(text), new OtpHasher(random.bytes(32)),
                OtpText.standard(), auth, clock, random, settings);
        TherapyService therapy = new TherapyService(sessions, new InMemoryAssessments(), new InMemoryPresence(),
                platformUsers, auth, new ServerActions(log, clock), clock, settings);
        ChatService chat = new ChatService(log, sessions, therapy, platformUsers, clock, settings);
        // --- the platform's session, then a login and a message ---
        TherapySessionId week1 = TherapySessionId.of("week-1");
        sessions.define(new SessionDefinition(week1, "Week 1", "", Instant.now(),
                org.therapychat.core.therapy.Admission.AUTO, List.of(ana.id())));

        var started = login.start("+1 650 555 0101", "smith", "10.0.0.1");
        String code = gatewayOutbox.get(0).replaceAll("(?s).*code is (\\d{6}).*", "$1");
        SecretToken session = login.verify(started.pendingLogin(), code, Optional.empty());
        therapy.enter(auth.authenticate(session), week1);
        var result = chat.sync(auth.authenticate(session), week1, 0, List.of(new QueuedAction.Request(
                "c-1", null, "message", List.of(), "Hello from the platform", null, null, null, null)));

        assertThat(result.accepted()).hasSize(1);
        assertThat(result.read().actions()).extracting(a -> a.action().type()).containsExactly("notice", "message");
    }
}
