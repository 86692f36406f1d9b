package org.therapychat.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/** Login sessions, keyed by token digest; shared by every app instance. */
public interface AuthSessionStore {
    /**
     * Stores a new session, or replaces the one with the same key.
     *
     * @param session the session
     */
    void put(AuthSession session);

    /**
     * The session under a key, expired or not.
     *
     * @param key the token digest
     * @return the session, or empty if there is none
     */
    Optional<AuthSession> find(String key);

    /**
     * Records the activity of many sessions in one write; never moves a {@code lastActivityAt}
     * backwards; keys of sessions that are gone are ignored.
     *
     * @param lastActivity the latest activity per token digest
     */
    void touchAll(Map<String, Instant> lastActivity);

    /**
     * Records which therapy session the user is in with this login session.
     *
     * @param key the token digest; a missing session is ignored
     * @param therapySession the entered therapy session, or empty after leaving
     */
    void setCurrentTherapySession(String key, Optional<TherapySessionId> therapySession);

    /**
     * Drops one session (logout, expiry); a missing key is ignored.
     *
     * @param key the token digest
     */
    void remove(String key);

    /**
     * Drops every session of {@code user} (a disabled user's); answers the keys it dropped.
     *
     * @param user whose sessions end
     * @return the token digests of the dropped sessions
     */
    List<String> removeAllOf(UserId user);

    /**
     * Drops sessions idle since before {@code idleCutoff} or authenticated before {@code absoluteCutoff};
     * answers the keys it dropped, so that whoever keeps copies can forget them.
     *
     * @param idleCutoff sessions with an older last activity go
     * @param absoluteCutoff sessions authenticated earlier go
     * @return the token digests of the dropped sessions
     */
    List<String> removeExpired(Instant idleCutoff, Instant absoluteCutoff);
}
