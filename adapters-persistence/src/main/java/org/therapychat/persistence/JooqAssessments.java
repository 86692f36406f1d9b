package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.ASSESSMENTS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.therapy.Assessment;
import org.therapychat.core.therapy.Assessments;
import org.therapychat.persistence.jooq.tables.records.AssessmentsRecord;

public final class JooqAssessments implements Assessments {
    private final Database db;

    public JooqAssessments(Database db) {
        this.db = db;
    }

    @Override
    public List<Assessment> find(TherapySessionId session, UserId participant) {
        return db.read(dsl -> dsl.selectFrom(ASSESSMENTS)
                .where(ASSESSMENTS.THERAPY_SESSION_ID.eq(session.value()), ASSESSMENTS.USER_ID.eq(participant.value()))
                .orderBy(ASSESSMENTS.SORT_ORDER)
                .fetch(JooqAssessments::assessment));
    }

    @Override
    public Map<TherapySessionId, List<Assessment>> forParticipant(UserId participant) {
        return db.read(dsl -> dsl.selectFrom(ASSESSMENTS).where(ASSESSMENTS.USER_ID.eq(participant.value()))
                .orderBy(ASSESSMENTS.THERAPY_SESSION_ID, ASSESSMENTS.SORT_ORDER)
                .fetch().stream()
                .collect(Collectors.groupingBy(r -> TherapySessionId.of(r.getTherapySessionId()),
                        Collectors.mapping(JooqAssessments::assessment, Collectors.toList()))));
    }

    /** One query for the whole session. */
    @Override
    public Map<UserId, List<Assessment>> forMembers(TherapySessionId session, java.util.Collection<UserId> participants) {
        Map<UserId, List<Assessment>> out = new java.util.HashMap<>();
        participants.forEach(p -> out.put(p, new java.util.ArrayList<>()));
        db.read(dsl -> dsl.selectFrom(ASSESSMENTS).where(ASSESSMENTS.THERAPY_SESSION_ID.eq(session.value()))
                .orderBy(ASSESSMENTS.USER_ID, ASSESSMENTS.SORT_ORDER).fetch())
                .forEach(r -> {
                    List<Assessment> list = out.get(UserId.of(r.getUserId()));
                    if (list != null) {
                        list.add(assessment(r));
                    }
                });
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    @Override
    public void put(TherapySessionId session, UserId participant, List<Assessment> assessments) {
        db.run(dsl -> {
            dsl.deleteFrom(ASSESSMENTS).where(ASSESSMENTS.THERAPY_SESSION_ID.eq(session.value()),
                    ASSESSMENTS.USER_ID.eq(participant.value())).execute();
            List<org.jooq.Query> inserts = new java.util.ArrayList<>();
            for (int i = 0; i < assessments.size(); i++) {
                Assessment a = assessments.get(i);
                inserts.add(dsl.insertInto(ASSESSMENTS)
                        .set(ASSESSMENTS.THERAPY_SESSION_ID, session.value())
                        .set(ASSESSMENTS.USER_ID, participant.value())
                        .set(ASSESSMENTS.SORT_ORDER, i)
                        .set(ASSESSMENTS.NAME, a.name())
                        .set(ASSESSMENTS.DUE, a.due().wireName())
                        .set(ASSESSMENTS.IS_COMPLETE, a.complete())
                        .set(ASSESSMENTS.URL, a.url().orElse(null))
                        .set(ASSESSMENTS.LABEL, a.label().orElse(null))
                        .set(ASSESSMENTS.LABELS, a.labels().isEmpty() ? null : labelsJson(a.labels())));
            }
            // one round trip for the list (a directory sync writes a thousand of them)
            if (!inserts.isEmpty()) {
                dsl.batch(inserts).execute();
            }
        });
    }

    static Assessment assessment(AssessmentsRecord r) {
        return new Assessment(r.getName(), Assessment.Due.fromWire(r.getDue()), r.getIsComplete(),
                Optional.ofNullable(r.getUrl()), Optional.ofNullable(r.getLabel()),
                r.getLabels() == null ? Map.of() : labels(r.getLabels()));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String labelsJson(Map<String, String> labels) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(labels));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("labels are plain strings", e);
        }
    }

    /** A stored labels object; anything else is a row the app cannot read (IllegalArgumentException). */
    private static Map<String, String> labels(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("labels is not a JSON object of strings");
        }
    }
}
