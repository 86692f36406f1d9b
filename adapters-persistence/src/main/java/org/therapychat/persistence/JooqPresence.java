package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.PRESENCE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.therapy.Presence;

/** Each change is one conditional statement whose row count says whether this call made it. */
public final class JooqPresence implements Presence {
    private final Database db;

    public JooqPresence(Database db) {
        this.db = db;
    }

    @Override
    public boolean markPresent(TherapySessionId session, UserId user, Instant at) {
        int updated = db.transaction(dsl -> dsl.update(PRESENCE).set(PRESENCE.LAST_SEEN_AT, at)
                .where(PRESENCE.THERAPY_SESSION_ID.eq(session.value()), PRESENCE.USER_ID.eq(user.value())).execute());
        if (updated > 0) {
            return false;
        }
        try {
            db.transaction(dsl -> dsl.insertInto(PRESENCE)
                    .set(PRESENCE.THERAPY_SESSION_ID, session.value())
                    .set(PRESENCE.USER_ID, user.value())
                    .set(PRESENCE.LAST_SEEN_AT, at)
                    .execute());
            return true;
        } catch (org.therapychat.core.common.DomainException.PortFailure e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            return false;
        }
    }

    @Override
    public boolean remove(TherapySessionId session, UserId user) {
        return db.transaction(dsl -> dsl.deleteFrom(PRESENCE)
                .where(PRESENCE.THERAPY_SESSION_ID.eq(session.value()), PRESENCE.USER_ID.eq(user.value()))
                .execute()) > 0;
    }

    @Override
    public List<UserId> removeSeenBefore(TherapySessionId session, Instant cutoff) {
        List<String> candidates = db.read(dsl -> dsl.select(PRESENCE.USER_ID).from(PRESENCE)
                .where(PRESENCE.THERAPY_SESSION_ID.eq(session.value()), PRESENCE.LAST_SEEN_AT.lt(cutoff))
                .fetch(PRESENCE.USER_ID));
        List<UserId> removed = new ArrayList<>();
        for (String user : candidates) {
            int count = db.transaction(dsl -> dsl.deleteFrom(PRESENCE)
                    .where(PRESENCE.THERAPY_SESSION_ID.eq(session.value()), PRESENCE.USER_ID.eq(user),
                            PRESENCE.LAST_SEEN_AT.lt(cutoff))
                    .execute());
            if (count > 0) {
                removed.add(UserId.of(user));
            }
        }
        return removed;
    }

    @Override
    public Set<UserId> seenSince(TherapySessionId session, Instant since) {
        return new HashSet<>(db.read(dsl -> dsl.select(PRESENCE.USER_ID).from(PRESENCE)
                .where(PRESENCE.THERAPY_SESSION_ID.eq(session.value()), PRESENCE.LAST_SEEN_AT.ge(since))
                .fetch(r -> UserId.of(r.value1()))));
    }

    @Override
    public Set<UserId> present(TherapySessionId session) {
        return new HashSet<>(db.read(dsl -> dsl.select(PRESENCE.USER_ID).from(PRESENCE)
                .where(PRESENCE.THERAPY_SESSION_ID.eq(session.value()))
                .fetch(r -> UserId.of(r.value1()))));
    }
}
