package org.therapychat.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * A server-side login session (SPEC §1.4).
 *
 * @param key digest of the session token in the browser's cookie (the token itself is never stored)
 * @param user whom the session authenticates
 * @param authenticatedAt when the code was proved: the start of the absolute timeout
 * @param lastActivityAt the last recorded call: the start of the idle timeout
 * @param currentTherapySession the therapy session the user entered, if any
 */
public record AuthSession(String key, UserId user, Instant authenticatedAt, Instant lastActivityAt,
                          Optional<TherapySessionId> currentTherapySession) {
    /**
     * Checks that nothing is null.
     *
     * @param key the token digest
     * @param user the user
     * @param authenticatedAt the login time
     * @param lastActivityAt the last activity
     * @param currentTherapySession the entered therapy session, or empty
     */
    public AuthSession {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(authenticatedAt, "authenticatedAt");
        Objects.requireNonNull(lastActivityAt, "lastActivityAt");
        Objects.requireNonNull(currentTherapySession, "currentTherapySession");
    }

    /**
     * The same session with activity recorded at {@code at}.
     *
     * @param at the time of the activity
     * @return a copy with {@code lastActivityAt} set to {@code at}
     */
    public AuthSession activeAt(Instant at) {
        return new AuthSession(key, user, authenticatedAt, at, currentTherapySession);
    }

    /**
     * Whether either timeout has passed.
     *
     * @param now the time to judge at
     * @param idleTimeout how long a session may go without activity
     * @param absoluteTimeout how long a session may last after login
     * @return {@code true} if {@code now} is at or past either limit
     */
    public boolean isExpiredAt(Instant now, Duration idleTimeout, Duration absoluteTimeout) {
        return !now.isBefore(lastActivityAt.plus(idleTimeout)) || !now.isBefore(authenticatedAt.plus(absoluteTimeout));
    }

    /**
     * Whether the user has entered {@code therapySession} with this login session.
     *
     * @param therapySession the therapy session asked about
     * @return {@code true} if it is the current one
     */
    public boolean isIn(TherapySessionId therapySession) {
        return currentTherapySession.filter(therapySession::equals).isPresent();
    }
}
