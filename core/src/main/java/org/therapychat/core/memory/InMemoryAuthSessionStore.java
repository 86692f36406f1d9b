package org.therapychat.core.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.therapychat.core.auth.AuthSession;
import org.therapychat.core.auth.AuthSessionStore;
import org.therapychat.core.common.TherapySessionId;

/** Login sessions in this process's memory: for an embedder with one instance, or tests. */
public final class InMemoryAuthSessionStore implements AuthSessionStore {
    private final Map<String, AuthSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void put(AuthSession session) {
        sessions.put(session.key(), session);
    }

    @Override
    public Optional<AuthSession> find(String key) {
        return Optional.ofNullable(sessions.get(key));
    }

    @Override
    public void touchAll(Map<String, Instant> lastActivity) {
        lastActivity.forEach((key, at) -> sessions.computeIfPresent(key, (k, s) -> at.isAfter(s.lastActivityAt())
                ? new AuthSession(k, s.user(), s.authenticatedAt(), at, s.currentTherapySession()) : s));
    }

    @Override
    public void setCurrentTherapySession(String key, Optional<TherapySessionId> therapySession) {
        sessions.computeIfPresent(key,
                (k, s) -> new AuthSession(k, s.user(), s.authenticatedAt(), s.lastActivityAt(), therapySession));
    }

    @Override
    public void remove(String key) {
        sessions.remove(key);
    }

    @Override
    public List<String> removeAllOf(org.therapychat.core.common.UserId user) {
        List<String> removed = new ArrayList<>();
        for (String key : sessions.keySet()) {
            // not taken back by a unit that fails: a login ended is the safe side, and bringing one
            // back could revive a session its user logged out of meanwhile
            if (sessions.computeIfPresent(key, (k, s) -> s.user().equals(user) ? null : s) == null) {
                removed.add(key);
            }
        }
        return removed;
    }

    @Override
    public List<String> removeExpired(Instant idleCutoff, Instant absoluteCutoff) {
        List<String> removed = new ArrayList<>();
        for (String key : sessions.keySet()) {
            AuthSession gone = sessions.computeIfPresent(key, (k, s) ->
                    s.lastActivityAt().isBefore(idleCutoff) || s.authenticatedAt().isBefore(absoluteCutoff) ? null : s);
            if (gone == null) {
                removed.add(key);
            }
        }
        return removed;
    }

    /**
     * How many sessions are stored, expired ones included until removed.
     *
     * @return the count
     */
    public int size() {
        return sessions.size();
    }
}
