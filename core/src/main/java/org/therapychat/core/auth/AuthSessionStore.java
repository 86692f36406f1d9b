package org.therapychat.core.auth;

import java.time.Instant;
import java.util.Optional;
import org.therapychat.core.common.TherapySessionId;

/** Login sessions, keyed by token digest; shared by every app instance. */
public interface AuthSessionStore {
    void put(AuthSession session);

    Optional<AuthSession> find(String key);

    /** Records activity; never moves {@code lastActivityAt} backwards. */
    void touch(String key, Instant at);

    void setCurrentTherapySession(String key, Optional<TherapySessionId> therapySession);

    void remove(String key);

    /** Drops sessions idle since before {@code idleCutoff} or authenticated before {@code absoluteCutoff}. */
    int removeExpired(Instant idleCutoff, Instant absoluteCutoff);
}
