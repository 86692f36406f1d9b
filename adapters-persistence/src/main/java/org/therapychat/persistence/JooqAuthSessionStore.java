package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.AUTH_SESSIONS;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.therapychat.core.auth.AuthSession;
import org.therapychat.core.auth.AuthSessionStore;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.persistence.jooq.tables.records.AuthSessionsRecord;

public final class JooqAuthSessionStore implements AuthSessionStore {
    private static final int BATCH = 500;
    private final Database db;

    public JooqAuthSessionStore(Database db) {
        this.db = db;
    }

    @Override
    public void put(AuthSession s) {
        db.run(dsl -> dsl.insertInto(AUTH_SESSIONS)
                .set(AUTH_SESSIONS.SESSION_KEY, s.key())
                .set(AUTH_SESSIONS.USER_ID, s.user().value())
                .set(AUTH_SESSIONS.AUTHENTICATED_AT, s.authenticatedAt())
                .set(AUTH_SESSIONS.LAST_ACTIVITY_AT, s.lastActivityAt())
                .set(AUTH_SESSIONS.THERAPY_SESSION_ID, s.currentTherapySession().map(TherapySessionId::value).orElse(null))
                .execute());
    }

    @Override
    public Optional<AuthSession> find(String key) {
        return db.read(dsl -> dsl.selectFrom(AUTH_SESSIONS).where(AUTH_SESSIONS.SESSION_KEY.eq(key))
                .fetchOptional(JooqAuthSessionStore::session));
    }

    @Override
    public void touchAll(Map<String, Instant> lastActivity) {
        if (lastActivity.isEmpty()) {
            return;
        }
        // One transaction and one JDBC batch: on H2 every commit writes a chunk to the file.
        db.transaction(dsl -> dsl.batch(lastActivity.entrySet().stream()
                .map(e -> dsl.update(AUTH_SESSIONS).set(AUTH_SESSIONS.LAST_ACTIVITY_AT, e.getValue())
                        .where(AUTH_SESSIONS.SESSION_KEY.eq(e.getKey()), AUTH_SESSIONS.LAST_ACTIVITY_AT.lt(e.getValue())))
                .toList()).execute());
    }

    @Override
    public void setCurrentTherapySession(String key, Optional<TherapySessionId> therapySession) {
        db.run(dsl -> dsl.update(AUTH_SESSIONS)
                .set(AUTH_SESSIONS.THERAPY_SESSION_ID, therapySession.map(TherapySessionId::value).orElse(null))
                .where(AUTH_SESSIONS.SESSION_KEY.eq(key)).execute());
    }

    @Override
    public void remove(String key) {
        db.run(dsl -> dsl.deleteFrom(AUTH_SESSIONS).where(AUTH_SESSIONS.SESSION_KEY.eq(key)).execute());
    }

    @Override
    public List<String> removeAllOf(UserId user) {
        return db.transaction(dsl -> {
            List<String> keys = dsl.select(AUTH_SESSIONS.SESSION_KEY).from(AUTH_SESSIONS)
                    .where(AUTH_SESSIONS.USER_ID.eq(user.value())).forUpdate().fetch(AUTH_SESSIONS.SESSION_KEY);
            if (!keys.isEmpty()) {
                dsl.deleteFrom(AUTH_SESSIONS).where(AUTH_SESSIONS.SESSION_KEY.in(keys)).execute();
            }
            return keys;
        });
    }

    @Override
    public List<String> removeExpired(Instant idleCutoff, Instant absoluteCutoff) {
        Condition expired = AUTH_SESSIONS.LAST_ACTIVITY_AT.lt(idleCutoff).or(AUTH_SESSIONS.AUTHENTICATED_AT.lt(absoluteCutoff));
        List<String> removed = new ArrayList<>();
        List<String> batch;
        do {
            // Locked, so a concurrent touch waits and what is answered is exactly what is deleted.
            batch = db.transaction(dsl -> {
                List<String> keys = dsl.select(AUTH_SESSIONS.SESSION_KEY).from(AUTH_SESSIONS).where(expired)
                        .limit(BATCH).forUpdate().fetch(AUTH_SESSIONS.SESSION_KEY);
                if (!keys.isEmpty()) {
                    dsl.deleteFrom(AUTH_SESSIONS).where(AUTH_SESSIONS.SESSION_KEY.in(keys)).execute();
                }
                return keys;
            });
            removed.addAll(batch);
        } while (batch.size() == BATCH);
        return removed;
    }

    private static AuthSession session(AuthSessionsRecord r) {
        return new AuthSession(r.getSessionKey(), UserId.of(r.getUserId()), r.getAuthenticatedAt(),
                r.getLastActivityAt(), Optional.ofNullable(r.getTherapySessionId()).map(TherapySessionId::of));
    }
}
