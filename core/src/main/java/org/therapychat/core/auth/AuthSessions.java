package org.therapychat.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Duration cacheFor;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(AuthSession session, Instant loadedAt) {
    }

    public AuthSessions(AuthSessionStore store, UserDirectory users, Clock clock, Randomness randomness,
                        Settings settings) {
        this(store, users, clock, randomness, settings, Duration.ZERO);
    }

    /**
     * With {@code cacheFor} above zero, a session read from the store answers for that long
     * without another read: every poll authenticates, and this keeps them off the database.
     * Timeouts are still checked on every call; a logout through another app instance takes
     * effect here within {@code cacheFor}.
     */
    public AuthSessions(AuthSessionStore store, UserDirectory users, Clock clock, Randomness randomness,
                        Settings settings, Duration cacheFor) {
        this.store = store;
        this.users = users;
        this.clock = clock;
        this.randomness = randomness;
        this.settings = settings;
        this.cacheFor = cacheFor;
    }

    /** Starts a session for a user who just proved a code; any session the browser held is destroyed (rotation). */
    public SecretToken create(UserId user, Optional<SecretToken> previous) {
        previous.ifPresent(token -> forget(token.digest()));
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
        return authenticate(token, Optional.empty());
    }

    /**
     * The caller of a call into {@code therapySession}: a cached session that does not say the
     * user is in it is read again, since the user may just have entered through another instance.
     */
    public Caller authenticateIn(SecretToken token, TherapySessionId therapySession) {
        return authenticate(token, Optional.of(therapySession));
    }

    private Caller authenticate(SecretToken token, Optional<TherapySessionId> expected) {
        Instant now = clock.now();
        String key = token.digest();
        AuthSession session = load(key, now, expected);
        if (session.isExpiredAt(now, settings.sessionIdleTimeout(), settings.sessionAbsoluteTimeout())) {
            forget(key);
            throw new Unauthenticated("Your session has expired. Please log in again.");
        }
        User user = users.findById(session.user()).orElseThrow(() -> {
            forget(key);
            return noSession();
        });
        // Writing on every 5-second poll would make the session table the hottest in the
        // database; idle expiry is exact to within this granularity instead.
        if (Duration.between(session.lastActivityAt(), now).compareTo(settings.sessionTouchGranularity()) >= 0) {
            store.touch(key, now);
            session = new AuthSession(key, session.user(), session.authenticatedAt(), now,
                    session.currentTherapySession());
            remember(session, now);
        }
        return new Caller(session, user);
    }

    private AuthSession load(String key, Instant now, Optional<TherapySessionId> expected) {
        Cached cached = cache.get(key);
        boolean usable = cached != null && now.isBefore(cached.loadedAt().plus(cacheFor))
                && expected.map(cached.session()::isIn).orElse(true);
        if (usable) {
            return cached.session();
        }
        AuthSession session = store.find(key).orElseThrow(() -> {
            cache.remove(key);
            return noSession();
        });
        remember(session, now);
        return session;
    }

    private void remember(AuthSession session, Instant now) {
        if (!cacheFor.isZero()) {
            cache.put(session.key(), new Cached(session, now));
        }
    }

    private void forget(String key) {
        cache.remove(key);
        store.remove(key);
    }

    public Caller moveTo(Caller caller, Optional<TherapySessionId> therapySession) {
        AuthSession s = caller.session();
        store.setCurrentTherapySession(s.key(), therapySession);
        AuthSession moved = new AuthSession(s.key(), s.user(), s.authenticatedAt(), s.lastActivityAt(), therapySession);
        cache.remove(s.key());
        return new Caller(moved, caller.user());
    }

    public void logout(SecretToken token) {
        forget(token.digest());
    }

    /** Housekeeping for a periodic job: forget sessions past either timeout. */
    public int removeExpired() {
        Instant now = clock.now();
        cache.values().removeIf(c -> !now.isBefore(c.loadedAt().plus(cacheFor)));
        return store.removeExpired(now.minus(settings.sessionIdleTimeout()), now.minus(settings.sessionAbsoluteTimeout()));
    }

    private static Unauthenticated noSession() {
        return new Unauthenticated("Please log in.");
    }
}
