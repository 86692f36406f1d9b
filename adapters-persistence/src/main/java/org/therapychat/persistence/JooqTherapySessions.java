package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.MEMBERS;
import static org.therapychat.persistence.jooq.Tables.THERAPY_SESSIONS;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Role;
import org.therapychat.core.therapy.Admission;
import org.therapychat.core.therapy.Member;
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
    public void put(TherapySession s) {
        db.run(dsl -> {
            dsl.insertInto(THERAPY_SESSIONS)
                    .set(THERAPY_SESSIONS.ID, s.id().value())
                    .set(fields(s))
                    .onDuplicateKeyUpdate()
                    .set(fields(s))
                    .execute();
            dsl.deleteFrom(MEMBERS).where(MEMBERS.THERAPY_SESSION_ID.eq(s.id().value())).execute();
            for (int i = 0; i < s.members().size(); i++) {
                Member m = s.members().get(i);
                dsl.insertInto(MEMBERS)
                        .set(MEMBERS.THERAPY_SESSION_ID, s.id().value())
                        .set(MEMBERS.USER_ID, m.user().value())
                        .set(MEMBERS.ROLE_NAME, m.role().wireName())
                        .set(MEMBERS.ADMITTED, m.admitted())
                        .set(MEMBERS.REVOKED, m.revoked())
                        .set(MEMBERS.SORT_ORDER, i)
                        .execute();
            }
        });
    }

    @Override
    public void setStatus(TherapySessionId id, SessionStatus status) {
        db.run(dsl -> dsl.update(THERAPY_SESSIONS).set(THERAPY_SESSIONS.STATUS, status.wireName())
                .where(THERAPY_SESSIONS.ID.eq(id.value())).execute());
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

    private static Map<org.jooq.Field<?>, Object> fields(TherapySession s) {
        return Map.of(
                THERAPY_SESSIONS.NAME, s.name(),
                THERAPY_SESSIONS.TOPIC, s.topic(),
                THERAPY_SESSIONS.STARTS_AT, s.date(),
                THERAPY_SESSIONS.STATUS, s.status().wireName(),
                THERAPY_SESSIONS.ADMISSION, s.admission().wireName(),
                THERAPY_SESSIONS.WHITEBOARD, s.whiteboard());
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

    private static Member member(MembersRecord r) {
        return new Member(UserId.of(r.getUserId()), Role.fromWire(r.getRoleName()), r.getAdmitted(), r.getRevoked());
    }

    private static TherapySession session(TherapySessionsRecord r, List<Member> members) {
        return new TherapySession(TherapySessionId.of(r.getId()), r.getName(), r.getTopic(), r.getStartsAt(),
                SessionStatus.valueOf(r.getStatus().toUpperCase(Locale.ROOT)), Admission.fromWire(r.getAdmission()),
                r.getWhiteboard(), members);
    }
}
