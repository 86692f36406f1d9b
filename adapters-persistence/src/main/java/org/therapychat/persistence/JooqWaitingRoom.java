package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.WAITING_ROOM;

import java.time.Instant;
import java.util.Map;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.therapy.WaitingRoom;

/** As {@link JooqPresence}: each change one conditional statement whose row count says whether this call made it. */
public final class JooqWaitingRoom implements WaitingRoom {
    private final Database db;

    public JooqWaitingRoom(Database db) {
        this.db = db;
    }

    @Override
    public boolean arrive(TherapySessionId session, UserId user, Instant at, Instant staleBefore) {
        int stillThere = db.transaction(dsl -> dsl.update(WAITING_ROOM).set(WAITING_ROOM.LAST_SEEN_AT, at)
                .where(WAITING_ROOM.THERAPY_SESSION_ID.eq(session.value()), WAITING_ROOM.USER_ID.eq(user.value()),
                        WAITING_ROOM.LAST_SEEN_AT.ge(staleBefore))
                .execute());
        if (stillThere > 0) {
            return false;
        }
        int afresh = db.transaction(dsl -> dsl.update(WAITING_ROOM)
                .set(WAITING_ROOM.SINCE, at).set(WAITING_ROOM.LAST_SEEN_AT, at)
                .where(WAITING_ROOM.THERAPY_SESSION_ID.eq(session.value()), WAITING_ROOM.USER_ID.eq(user.value()),
                        WAITING_ROOM.LAST_SEEN_AT.lt(staleBefore))
                .execute());
        if (afresh > 0) {
            return true;
        }
        try {
            db.transaction(dsl -> dsl.insertInto(WAITING_ROOM)
                    .set(WAITING_ROOM.THERAPY_SESSION_ID, session.value())
                    .set(WAITING_ROOM.USER_ID, user.value())
                    .set(WAITING_ROOM.SINCE, at)
                    .set(WAITING_ROOM.LAST_SEEN_AT, at)
                    .execute());
            return true;
        } catch (PortFailure e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            return false;
        }
    }

    @Override
    public boolean remove(TherapySessionId session, UserId user) {
        return db.transaction(dsl -> dsl.deleteFrom(WAITING_ROOM)
                .where(WAITING_ROOM.THERAPY_SESSION_ID.eq(session.value()), WAITING_ROOM.USER_ID.eq(user.value()))
                .execute()) > 0;
    }

    @Override
    public Map<UserId, Instant> waiting(TherapySessionId session, Instant seenSince) {
        return db.read(dsl -> dsl.select(WAITING_ROOM.USER_ID, WAITING_ROOM.SINCE).from(WAITING_ROOM)
                .where(WAITING_ROOM.THERAPY_SESSION_ID.eq(session.value()), WAITING_ROOM.LAST_SEEN_AT.ge(seenSince))
                .fetchMap(r -> UserId.of(r.value1()), r -> r.value2()));
    }
}
