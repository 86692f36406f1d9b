package org.therapychat.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/** Login sessions, keyed by token digest; shared by every app instance. */
public interface AuthSessionStore {
    void put(AuthSession session);

    Optional<AuthSession> find(String key);

    /**
     * Records the activity of many sessions in one write; never moves a {@code lastActivityAt}
     * backwards; keys of sessions that are gone are ignored.
     */
    void touchAll(Map<String, Instant> lastActivity);

    void setCurrentTherapySession(String key, Optional<TherapySessionId> therapySession);

    void remove(String key);

    /** Drops every session of {@code user} (a disabled user's); answers the keys it dropped. */
    List<String> removeAllOf(UserId user);

    /**
     * Drops sessions idle since before {@code idleCutoff} or authenticated before {@code absoluteCutoff};
     * answers the keys it dropped, so that whoever keeps copies can forget them.
     */
    List<String> removeExpired(Instant idleCutoff, Instant absoluteCutoff);
}
