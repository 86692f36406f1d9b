package org.therapychat.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.Randomness;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.Settings;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserDirectory;

/** Create, validate, touch, move between therapy sessions, and end login sessions. */
public final class AuthSessions {
    private final AuthSessionStore store;
    private final UserDirectory users;
    private final Clock clock;
    private final Randomness randomness;
    private final Settings settings;

    public AuthSessions(AuthSessionStore store, UserDirectory users, Clock clock, Randomness randomness,
                        Settings settings) {
        this.store = store;
        this.users = users;
        this.clock = clock;
        this.randomness = randomness;
        this.settings = settings;
    }

    /** Starts a session for a user who just proved a code; any session the browser held is destroyed (rotation). */
    public SecretToken create(UserId user, Optional<SecretToken> previous) {
        previous.ifPresent(token -> store.remove(token.digest()));
        SecretToken token = SecretToken.generate(randomness);
        Instant now = clock.now();
        store.put(new AuthSession(token.digest(), user, now, now, Optional.empty()));
        return token;
    }

    /**
     * The caller behind a token: the session must exist, be within its idle and absolute timeouts,
     * and belong to a user who still exists. Records the activity.
     */
    public Caller authenticate(SecretToken token) {
        Instant now = clock.now();
        String key = token.digest();
        AuthSession session = store.find(key).orElseThrow(AuthSessions::noSession);
        if (session.isExpiredAt(now, settings.sessionIdleTimeout(), settings.sessionAbsoluteTimeout())) {
            store.remove(key);
            throw new Unauthenticated("Your session has expired. Please log in again.");
        }
        User user = users.findById(session.user()).orElseThrow(() -> {
            store.remove(key);
            return noSession();
        });
        // Writing on every 5-second poll would make the session table the hottest in the
        // database; idle expiry is exact to within this granularity instead.
        if (Duration.between(session.lastActivityAt(), now).compareTo(settings.sessionTouchGranularity()) >= 0) {
            store.touch(key, now);
            session = new AuthSession(key, session.user(), session.authenticatedAt(), now,
                    session.currentTherapySession());
        }
        return new Caller(session, user);
    }

    public Caller moveTo(Caller caller, Optional<TherapySessionId> therapySession) {
        AuthSession s = caller.session();
        store.setCurrentTherapySession(s.key(), therapySession);
        return new Caller(new AuthSession(s.key(), s.user(), s.authenticatedAt(), s.lastActivityAt(), therapySession),
                caller.user());
    }

    public void logout(SecretToken token) {
        store.remove(token.digest());
    }

    /** Housekeeping for a periodic job: forget sessions past either timeout. */
    public int removeExpired() {
        Instant now = clock.now();
        return store.removeExpired(now.minus(settings.sessionIdleTimeout()), now.minus(settings.sessionAbsoluteTimeout()));
    }

    private static Unauthenticated noSession() {
        return new Unauthenticated("Please log in.");
    }
}
