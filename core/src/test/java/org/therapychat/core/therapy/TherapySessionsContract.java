package org.therapychat.core.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.THERAPIST;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.WEEK_2;
import static org.therapychat.core.fixtures.Samples.session;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.therapychat.core.login.Role;

public interface TherapySessionsContract {
    TherapySessions emptyTherapySessions();

    Instant DATE = Instant.parse("2026-11-24T18:00:00Z");

    @Test
    default void keepsAWholeSession() {
        TherapySessions store = emptyTherapySessions();
        TherapySession s = new TherapySession(WEEK_1, "Week 1", "Sleep", DATE, SessionStatus.OPEN, Admission.THERAPIST,
                "Breathe in", List.of(new Member(THERAPIST, Role.THERAPIST, false, false),
                new Member(ANA, Role.PARTICIPANT, true, false), new Member(BEN, Role.PARTICIPANT, false, true)));
        store.put(s);
        assertThat(store.find(WEEK_1)).contains(s);
        assertThat(store.find(WEEK_2)).isEmpty();
    }

    @Test
    default void putReplacesMembers() {
        TherapySessions store = emptyTherapySessions();
        store.put(session(WEEK_1, DATE, Member.newcomer(ANA, Role.PARTICIPANT), Member.newcomer(BEN, Role.PARTICIPANT)));
        TherapySession smaller = session(WEEK_1, DATE, Member.newcomer(BEN, Role.PARTICIPANT));
        store.put(smaller);
        assertThat(store.find(WEEK_1)).contains(smaller);
        assertThat(store.listForMember(ANA)).isEmpty();
    }

    @Test
    default void listsTheSessionsOfAMember() {
        TherapySessions store = emptyTherapySessions();
        TherapySession one = session(WEEK_1, DATE, Member.newcomer(ANA, Role.PARTICIPANT));
        TherapySession two = session(WEEK_2, DATE.plusSeconds(604800), Member.newcomer(ANA, Role.PARTICIPANT),
                Member.newcomer(BEN, Role.PARTICIPANT));
        store.put(one);
        store.put(two);
        assertThat(store.listForMember(ANA)).containsExactlyInAnyOrder(one, two);
        assertThat(store.listForMember(BEN)).containsExactly(two);
        assertThat(store.listForMember(THERAPIST)).isEmpty();
    }

    @Test
    default void changesStatusWhiteboardAndOneMember() {
        TherapySessions store = emptyTherapySessions();
        store.put(session(WEEK_1, DATE, Member.newcomer(ANA, Role.PARTICIPANT), Member.newcomer(BEN, Role.PARTICIPANT)));
        store.setStatus(WEEK_1, SessionStatus.ENDED);
        store.setWhiteboard(WEEK_1, "Homework: a walk a day");
        store.updateMember(WEEK_1, Member.newcomer(ANA, Role.PARTICIPANT).admit());
        store.updateMember(WEEK_1, Member.newcomer(THERAPIST, Role.THERAPIST).admit());
        TherapySession s = store.find(WEEK_1).orElseThrow();
        assertThat(s.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(s.whiteboard()).isEqualTo("Homework: a walk a day");
        assertThat(s.members()).containsExactlyInAnyOrder(new Member(ANA, Role.PARTICIPANT, true, false),
                Member.newcomer(BEN, Role.PARTICIPANT));
    }
}
