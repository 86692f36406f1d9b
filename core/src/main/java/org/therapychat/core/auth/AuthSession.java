package org.therapychat.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * A server-side login session.
 *
 * @param key digest of the session token in the browser's cookie (the token itself is never stored)
 */
public record AuthSession(String key, UserId user, Instant authenticatedAt, Instant lastActivityAt,
                          Optional<TherapySessionId> currentTherapySession) {
    public AuthSession {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(authenticatedAt, "authenticatedAt");
        Objects.requireNonNull(lastActivityAt, "lastActivityAt");
        Objects.requireNonNull(currentTherapySession, "currentTherapySession");
    }

    /** The same session with activity recorded at {@code at}. */
    public AuthSession activeAt(Instant at) {
        return new AuthSession(key, user, authenticatedAt, at, currentTherapySession);
    }

    public boolean isExpiredAt(Instant now, Duration idleTimeout, Duration absoluteTimeout) {
        return !now.isBefore(lastActivityAt.plus(idleTimeout)) || !now.isBefore(authenticatedAt.plus(absoluteTimeout));
    }

    public boolean isIn(TherapySessionId therapySession) {
        return currentTherapySession.filter(therapySession::equals).isPresent();
    }
}
