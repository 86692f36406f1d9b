package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.MEMBERS;
import static org.therapychat.persistence.jooq.Tables.THERAPY_SESSIONS;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Result;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.therapy.Admission;
import org.therapychat.core.therapy.Member;
import org.therapychat.core.therapy.SessionDefinition;
import org.therapychat.core.therapy.SessionStatus;
import org.therapychat.core.therapy.TherapySession;
import org.therapychat.core.therapy.TherapySessions;
import org.therapychat.persistence.jooq.tables.records.MembersRecord;
import org.therapychat.persistence.jooq.tables.records.TherapySessionsRecord;

public final class JooqTherapySessions implements TherapySessions {
    private final Database db;

    public JooqTherapySessions(Database db) {
        this.db = db;
    }

    @Override
    public Optional<TherapySession> find(TherapySessionId id) {
        return db.read(dsl -> dsl.selectFrom(THERAPY_SESSIONS).where(THERAPY_SESSIONS.ID.eq(id.value())).fetchOptional()
                .map(r -> session(r, members(dsl, List.of(r.getId())).getOrDefault(r.getId(), List.of()))));
    }

    @Override
    public List<TherapySession> listForMember(UserId user) {
        return db.read(dsl -> {
            Result<TherapySessionsRecord> rows = dsl.selectFrom(THERAPY_SESSIONS)
                    .where(THERAPY_SESSIONS.ID.in(dsl.select(MEMBERS.THERAPY_SESSION_ID).from(MEMBERS)
                            .where(MEMBERS.USER_ID.eq(user.value()))))
                    .fetch();
            Map<String, List<Member>> members = members(dsl, rows.map(TherapySessionsRecord::getId));
            return rows.map(r -> session(r, members.getOrDefault(r.getId(), List.of())));
        });
    }

    @Override
    public List<TherapySession> list() {
        return db.read(dsl -> {
            Result<TherapySessionsRecord> rows = dsl.selectFrom(THERAPY_SESSIONS).fetch();
            Map<String, List<Member>> members = members(dsl, rows.map(TherapySessionsRecord::getId));
            return rows.map(r -> session(r, members.getOrDefault(r.getId(), List.of())));
        });
    }

    /** One transaction that holds the session's row lock: definitions of one session run one after the other. */
    @Override
    public Defined define(SessionDefinition d) {
        return db.transaction(dsl -> {
            boolean created = createIfAbsent(dsl, d);
            TherapySessionsRecord row = dsl.selectFrom(THERAPY_SESSIONS).where(THERAPY_SESSIONS.ID.eq(d.id().value()))
                    .forUpdate().fetchSingle();
            boolean changed = !created && updateOwnFields(dsl, row, d);
            changed |= !created && defineMembers(dsl, d);
            return created ? Defined.CREATED : changed ? Defined.CHANGED : Defined.UNCHANGED;
        });
    }

    private static boolean createIfAbsent(DSLContext dsl, SessionDefinition d) {
        int inserted;
        try {
            inserted = dsl.insertInto(THERAPY_SESSIONS)
                    .set(THERAPY_SESSIONS.ID, d.id().value())
                    .set(THERAPY_SESSIONS.NAME, d.name())
                    .set(THERAPY_SESSIONS.TOPIC, d.topic())
                    .set(THERAPY_SESSIONS.STARTS_AT, d.date())
                    .set(THERAPY_SESSIONS.STATUS, SessionStatus.SCHEDULED.wireName())
                    .set(THERAPY_SESSIONS.ADMISSION, d.admission().wireName())
                    .set(THERAPY_SESSIONS.WHITEBOARD, "")
                    .onDuplicateKeyIgnore()
                    .execute();
        } catch (IntegrityConstraintViolationException raced) {
            // H2's emulation of "ignore" can lose a race to a concurrent insert: the row exists, as wanted.
            return false;
        }
        if (inserted == 0) {
            return false;
        }
        if (!d.members().isEmpty()) {
            // one statement rendered once for the whole list (a directory sync creates hundreds of sessions)
            org.jooq.BatchBindStep batch = dsl.batch(memberInsert(dsl));
            for (int i = 0; i < d.members().size(); i++) {
                batch = batch.bind(Map.of("session", d.id().value(), "user", d.members().get(i).value(), "order", i));
            }
            batch.execute();
        }
        return true;
    }

    private static boolean updateOwnFields(DSLContext dsl, TherapySessionsRecord row, SessionDefinition d) {
        boolean same = row.getName().equals(d.name()) && row.getTopic().equals(d.topic())
                && row.getStartsAt().equals(d.date()) && row.getAdmission().equals(d.admission().wireName());
        if (!same) {
            dsl.update(THERAPY_SESSIONS)
                    .set(THERAPY_SESSIONS.NAME, d.name())
                    .set(THERAPY_SESSIONS.TOPIC, d.topic())
                    .set(THERAPY_SESSIONS.STARTS_AT, d.date())
                    .set(THERAPY_SESSIONS.ADMISSION, d.admission().wireName())
                    .where(THERAPY_SESSIONS.ID.eq(d.id().value()))
                    .execute();
        }
        return !same;
    }

    /** Removes members not listed, adds new ones as newcomers, reorders; members who stay keep their row. */
    private static boolean defineMembers(DSLContext dsl, SessionDefinition d) {
        String id = d.id().value();
        Map<String, Integer> existing = dsl.select(MEMBERS.USER_ID, MEMBERS.SORT_ORDER).from(MEMBERS)
                .where(MEMBERS.THERAPY_SESSION_ID.eq(id)).fetchMap(MEMBERS.USER_ID, MEMBERS.SORT_ORDER);
        List<String> wanted = d.members().stream().map(UserId::value).toList();
        boolean changed = dsl.deleteFrom(MEMBERS)
                .where(MEMBERS.THERAPY_SESSION_ID.eq(id), MEMBERS.USER_ID.notIn(wanted)).execute() > 0;
        for (int i = 0; i < wanted.size(); i++) {
            Integer order = existing.get(wanted.get(i));
            if (order == null) {
                insertMember(dsl, d.id(), d.members().get(i), i);
                changed = true;
            } else if (order != i) {
                dsl.update(MEMBERS).set(MEMBERS.SORT_ORDER, i)
                        .where(MEMBERS.THERAPY_SESSION_ID.eq(id), MEMBERS.USER_ID.eq(wanted.get(i))).execute();
                changed = true;
            }
        }
        return changed;
    }

    private static void insertMember(DSLContext dsl, TherapySessionId session, UserId user, int order) {
        memberInsert(dsl).bind("session", session.value()).bind("user", user.value()).bind("order", order).execute();
    }

    /** A newcomer's member row (not admitted, not revoked); named parameters: session, user, order (place in the list). */
    private static org.jooq.Query memberInsert(DSLContext dsl) {
        return dsl.insertInto(MEMBERS)
                .set(MEMBERS.THERAPY_SESSION_ID, DSL.param("session", MEMBERS.THERAPY_SESSION_ID))
                .set(MEMBERS.USER_ID, DSL.param("user", MEMBERS.USER_ID))
                .set(MEMBERS.ADMITTED, DSL.inline(false))
                .set(MEMBERS.REVOKED, DSL.inline(false))
                .set(MEMBERS.SORT_ORDER, DSL.param("order", MEMBERS.SORT_ORDER));
    }

    /** Forward only: the update matches only a row whose status comes before the new one. */
    @Override
    public boolean setStatus(TherapySessionId id, SessionStatus status) {
        List<String> earlier = Arrays.stream(SessionStatus.values()).filter(s -> s.precedes(status))
                .map(SessionStatus::wireName).toList();
        return db.transaction(dsl -> dsl.update(THERAPY_SESSIONS).set(THERAPY_SESSIONS.STATUS, status.wireName())
                .where(THERAPY_SESSIONS.ID.eq(id.value()), THERAPY_SESSIONS.STATUS.in(earlier)).execute()) > 0;
    }

    @Override
    public void setWhiteboard(TherapySessionId id, String text) {
        db.run(dsl -> dsl.update(THERAPY_SESSIONS).set(THERAPY_SESSIONS.WHITEBOARD, text)
                .where(THERAPY_SESSIONS.ID.eq(id.value())).execute());
    }

    @Override
    public void updateMember(TherapySessionId id, Member member) {
        db.run(dsl -> dsl.update(MEMBERS)
                .set(MEMBERS.ADMITTED, member.admitted())
                .set(MEMBERS.REVOKED, member.revoked())
                .where(MEMBERS.THERAPY_SESSION_ID.eq(id.value()), MEMBERS.USER_ID.eq(member.user().value()))
                .execute());
    }

    private static Map<String, List<Member>> members(DSLContext dsl, List<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(MEMBERS).where(MEMBERS.THERAPY_SESSION_ID.in(sessionIds))
                .orderBy(MEMBERS.THERAPY_SESSION_ID, MEMBERS.SORT_ORDER)
                .fetch().stream()
                .collect(Collectors.groupingBy(MembersRecord::getTherapySessionId,
                        Collectors.mapping(JooqTherapySessions::member, Collectors.toList())));
    }

    static Member member(MembersRecord r) {
        return new Member(UserId.of(r.getUserId()), r.getAdmitted(), r.getRevoked());
    }

    static TherapySession session(TherapySessionsRecord r, List<Member> members) {
        return new TherapySession(TherapySessionId.of(r.getId()), r.getName(), r.getTopic(), r.getStartsAt(),
                SessionStatus.valueOf(r.getStatus().toUpperCase(Locale.ROOT)), Admission.fromWire(r.getAdmission()),
                r.getWhiteboard(), members);
    }
}
