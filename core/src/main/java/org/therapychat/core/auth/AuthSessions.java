package org.therapychat.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.Randomness;
import org.therapychat.core.common.ReadThroughCache;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.Settings;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserDirectory;

/**
 * Create, validate, touch, move between therapy sessions, and end login sessions (SPEC §1.4-1.5).
 * Safe for concurrent use by the request threads of one instance; several instances share the
 * {@link AuthSessionStore}.
 */
public final class AuthSessions {
    /**
     * Activity is kept in memory and written for all sessions at once this often (by
     * {@link #flushActivity()} from a scheduler; a call that finds it three times overdue writes
     * it itself). One write per period instead of one per session: on H2 each commit writes to
     * the file. A crash loses at most this much of the activity record: sessions then look idle
     * this much sooner, nothing else.
     */
    public static final Duration ACTIVITY_FLUSH_PERIOD = Duration.ofSeconds(5);

    /** How long an instance may hold a touch unwritten: a call writes it itself once three periods overdue. */
    static final Duration HOUSEKEEPING_MARGIN = ACTIVITY_FLUSH_PERIOD.multipliedBy(4);

    private final AuthSessionStore store;
    private final UserDirectory users;
    private final Clock clock;
    private final Randomness randomness;
    private final Settings settings;
    private final ReadThroughCache<String, AuthSession> cache;
    private final Map<String, Instant> activity = new ConcurrentHashMap<>();
    private final ReentrantLock flushing = new ReentrantLock();
    private volatile Instant flushedAt;

    /**
     * Sessions read from the store on every call (no cache): for an embedder or a single instance
     * without a change feed.
     *
     * @param store where sessions live
     * @param users checks that a session's user still exists and is not disabled
     * @param clock judges the timeouts
     * @param randomness makes session tokens; must be cryptographic in production
     * @param settings the idle and absolute timeouts and the touch granularity
     */
    public AuthSessions(AuthSessionStore store, UserDirectory users, Clock clock, Randomness randomness,
                        Settings settings) {
        this(store, users, clock, randomness, settings, new ReadThroughCache<>(clock, Duration.ZERO));
    }

    /**
     * Every poll authenticates, so sessions are kept (timeouts are still checked on every call):
     * kept {@code whileLive} while the feed tells this instance of logouts and moves made
     * through others (and tells them of this one's), {@code whileDown} while it does not.
     *
     * @param store where sessions live
     * @param users checks that a session's user still exists and is not disabled
     * @param clock judges the timeouts
     * @param randomness makes session tokens; must be cryptographic in production
     * @param settings the idle and absolute timeouts and the touch granularity
     * @param feed carries logouts and moves between instances
     * @param whileLive how long a session is kept while the feed is live
     * @param whileDown how long a session is kept while the feed is down
     */
    public AuthSessions(AuthSessionStore store, UserDirectory users, Clock clock, Randomness randomness,
                        Settings settings, ChangeFeed feed, Duration whileLive, Duration whileDown) {
        this(store, users, clock, randomness, settings, ReadThroughCache.following(feed, ChangeFeed.Topic.AUTH_SESSION,
                key -> key, key -> key, clock, whileLive, whileDown));
    }

    private AuthSessions(AuthSessionStore store, UserDirectory users, Clock clock, Randomness randomness,
                         Settings settings, ReadThroughCache<String, AuthSession> cache) {
        this.store = store;
        this.users = users;
        this.clock = clock;
        this.randomness = randomness;
        this.settings = settings;
        this.cache = cache;
        this.flushedAt = clock.now();
    }

    /**
     * Starts a session for a user who just proved a code; any session the browser held is destroyed (rotation).
     *
     * @param user who logged in
     * @param previous the session token the browser sent along, if any
     * @return the new session's token, for the cookie; only its digest is stored
     */
    public SecretToken create(UserId user, Optional<SecretToken> previous) {
        previous.ifPresent(token -> forget(token.digest()));
        SecretToken token = SecretToken.generate(randomness);
        Instant now = clock.now();
        store.put(new AuthSession(token.digest(), user, now, now, Optional.empty()));
        return token;
    }

    /**
     * The caller behind a token: the session must exist, be within its idle and absolute timeouts,
     * and belong to a user who still exists and is not disabled. Records the activity.
     *
     * @param token the session token from the cookie
     * @return the caller
     * @throws org.therapychat.core.common.DomainException.Unauthenticated if no valid session
     *     matches (an expired one is deleted)
     */
    public Caller authenticate(SecretToken token) {
        return authenticate(token, Optional.empty(), true);
    }

    /**
     * The caller of a call into {@code therapySession}: a cached session that does not say the
     * user is in it is read again, since the user may just have entered through another instance.
     *
     * @param token the session token from the cookie
     * @param therapySession the therapy session the call goes to
     * @return the caller; whether it is in {@code therapySession} is for the caller to check
     * @throws org.therapychat.core.common.DomainException.Unauthenticated if no valid session matches
     */
    public Caller authenticateIn(SecretToken token, TherapySessionId therapySession) {
        return authenticate(token, Optional.of(therapySession), true);
    }

    /**
     * The same checks as {@link #authenticateIn} without recording activity: for re-checking a
     * live connection, which is no sign that the user is still there.
     *
     * @param token the session token the connection was opened with
     * @param therapySession the therapy session the connection follows
     * @return the caller
     * @throws org.therapychat.core.common.DomainException.Unauthenticated if no valid session matches
     */
    public Caller check(SecretToken token, TherapySessionId therapySession) {
        return authenticate(token, Optional.of(therapySession), false);
    }

    private Caller authenticate(SecretToken token, Optional<TherapySessionId> expected, boolean touch) {
        Instant now = clock.now();
        String key = token.digest();
        AuthSession session = load(key, expected);
        if (session.isExpiredAt(now, settings.sessionIdleTimeout(), settings.sessionAbsoluteTimeout())) {
            forget(key);
            throw new Unauthenticated("Your session has expired. Please log in again.");
        }
        User user = users.findById(session.user()).filter(u -> !u.disabled()).orElseThrow(() -> {
            forget(key);
            return noSession();
        });
        // Writing on every 5-second poll would make the session table the hottest in the
        // database; idle expiry is exact to within this granularity instead.
        if (touch && Duration.between(session.lastActivityAt(), now).compareTo(settings.sessionTouchGranularity()) >= 0) {
            recordActivity(key, now);
            session = session.activeAt(now);
            cache.update(key, cached -> cached.activeAt(now));
            if (now.isAfter(flushedAt.plus(ACTIVITY_FLUSH_PERIOD.multipliedBy(3)))) {
                flushOverdueActivity();
            }
        }
        return new Caller(session, user);
    }

    /** Writes the activity recorded since the last flush, in one call to the store. */
    public void flushActivity() {
        flushing.lock();
        try {
            Map<String, Instant> batch = new HashMap<>();
            for (String key : activity.keySet()) {
                Instant at = activity.remove(key);
                if (at != null) {
                    batch.put(key, at);
                }
            }
            try {
                store.touchAll(batch);
            } catch (RuntimeException e) {
                batch.forEach(this::recordActivity);
                throw e;
            }
            flushedAt = clock.now();
        } finally {
            flushing.unlock();
        }
    }

    private void recordActivity(String key, Instant at) {
        activity.merge(key, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** No scheduler is flushing: this call does, unless another one already is; a failure is retried next time. */
    private void flushOverdueActivity() {
        if (flushing.isLocked()) {
            return;
        }
        try {
            flushActivity();
        } catch (RuntimeException e) {
            // kept in memory; the caller's own request does not fail for it
        }
    }

    private AuthSession load(String key, Optional<TherapySessionId> expected) {
        return cache.get(key, store::find, cached -> expected.map(cached::isIn).orElse(true))
                .orElseThrow(AuthSessions::noSession);
    }

    private void forget(String key) {
        activity.remove(key);
        store.remove(key);
        cache.changed(key);
    }

    /**
     * Records which therapy session the caller is in (entering, leaving), on every instance.
     *
     * @param caller the authenticated caller
     * @param therapySession the entered therapy session, or empty after leaving
     * @return the caller with its session updated
     */
    public Caller moveTo(Caller caller, Optional<TherapySessionId> therapySession) {
        AuthSession s = caller.session();
        store.setCurrentTherapySession(s.key(), therapySession);
        AuthSession moved = new AuthSession(s.key(), s.user(), s.authenticatedAt(), s.lastActivityAt(), therapySession);
        cache.changed(s.key());
        return new Caller(moved, caller.user());
    }

    /**
     * Whether a caller found valid by an earlier check may have expired since (idle or absolute
     * timeout), judged from its session as that check saw it. Its last activity can only have moved
     * later since, so {@code false} is certain and {@code true} means: check again.
     *
     * @param caller a caller an earlier {@link #check} or {@link #authenticate} returned
     * @return whether its session would have expired by now had nothing touched it since
     */
    public boolean mayHaveExpired(Caller caller) {
        return caller.session().isExpiredAt(clock.now(), settings.sessionIdleTimeout(), settings.sessionAbsoluteTimeout());
    }

    /**
     * Whether the caller's login session, as stored now (past the cache), is in {@code therapySession}.
     *
     * @param caller the authenticated caller
     * @param therapySession the therapy session asked about
     * @return {@code false} also when the session is gone
     */
    public boolean isStillIn(Caller caller, TherapySessionId therapySession) {
        return store.find(caller.session().key()).filter(s -> s.isIn(therapySession)).isPresent();
    }

    /**
     * Ends the session behind a token, on every instance (SPEC {@code POST /api/logout}).
     * An unknown token is no error.
     *
     * @param token the session token from the cookie
     */
    public void logout(SecretToken token) {
        forget(token.digest());
    }

    /**
     * Ends every login session of a user who was just disabled, on every instance: the rows go, and
     * each key is announced so other instances drop what they kept (a cached session would be
     * refused anyway, since the user record says disabled).
     *
     * @param user the disabled user
     * @return how many sessions ended
     */
    public int endAllOf(UserId user) {
        List<String> removed = store.removeAllOf(user);
        removed.forEach(key -> {
            activity.remove(key);
            cache.changed(key);
        });
        return removed.size();
    }

    /**
     * Housekeeping for a periodic job: delete sessions past either timeout and forget them here
     * (cache and unwritten activity). The time is taken before this instance's activity is
     * written, so a touch racing the delete is never older than the cutoff; idle sessions are
     * deleted only {@link #HOUSEKEEPING_MARGIN} past the idle timeout, since another instance may
     * not have written its last touch yet (calls still apply the exact timeout themselves).
     *
     * @return how many sessions were deleted
     */
    public int removeExpired() {
        Instant now = clock.now();
        flushActivity();
        cache.evictExpired();
        List<String> removed = store.removeExpired(now.minus(settings.sessionIdleTimeout()).minus(HOUSEKEEPING_MARGIN),
                now.minus(settings.sessionAbsoluteTimeout()));
        for (String key : removed) {
            activity.remove(key);
            cache.forget(key);
        }
        return removed.size();
    }

    int cachedSessions() {
        return cache.size();
    }

    int pendingActivity() {
        return activity.size();
    }

    private static Unauthenticated noSession() {
        return new Unauthenticated("Please log in.");
    }
}
