package org.therapychat.core.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.WEEK_2;
import static org.therapychat.core.fixtures.Samples.survey;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public interface AssessmentsContract {
    Assessments emptyAssessments();

    @Test
    default void keepsEachParticipantsListInOrder() {
        Assessments store = emptyAssessments();
        List<Assessment> list = List.of(survey("location", Assessment.Due.PRE, true),
                survey("post-session_survey", Assessment.Due.POST, false), survey("anxiety", Assessment.Due.PRE, false));
        store.put(WEEK_1, ANA, list);
        assertThat(store.find(WEEK_1, ANA)).isEqualTo(list);
        assertThat(store.find(WEEK_1, BEN)).isEmpty();
        assertThat(store.find(WEEK_2, ANA)).isEmpty();
    }

    @Test
    default void keepsTheDisplayLabels() {
        Assessments store = emptyAssessments();
        Assessment labelled = new Assessment("post-session_survey", Assessment.Due.POST, false,
                java.util.Optional.of("https://surveys.example/p"), java.util.Optional.of("After the session \"2\""),
                Map.of("en", "How did it go?", "es", "¿Cómo le fue? – ñ"));
        store.put(WEEK_1, ANA, List.of(labelled, survey("location", Assessment.Due.PRE, true)));
        assertThat(store.find(WEEK_1, ANA)).containsExactly(labelled, survey("location", Assessment.Due.PRE, true));
        assertThat(store.forParticipant(ANA).get(WEEK_1).get(0).labels()).containsEntry("es", "¿Cómo le fue? – ñ");
    }

    @Test
    default void putReplacesTheList() {
        Assessments store = emptyAssessments();
        store.put(WEEK_1, ANA, List.of(survey("location", Assessment.Due.PRE, false)));
        store.put(WEEK_1, ANA, List.of(survey("location", Assessment.Due.PRE, true)));
        assertThat(store.find(WEEK_1, ANA)).containsExactly(survey("location", Assessment.Due.PRE, true));
        store.put(WEEK_1, ANA, List.of());
        assertThat(store.find(WEEK_1, ANA)).isEmpty();
    }

    @Test
    default void collectsAParticipantsListsAcrossSessions() {
        Assessments store = emptyAssessments();
        store.put(WEEK_1, ANA, List.of(survey("a", Assessment.Due.PRE, false)));
        store.put(WEEK_2, ANA, List.of(survey("b", Assessment.Due.POST, true)));
        store.put(WEEK_2, BEN, List.of(survey("c", Assessment.Due.POST, true)));
        assertThat(store.forParticipant(ANA)).isEqualTo(Map.of(
                WEEK_1, List.of(survey("a", Assessment.Due.PRE, false)),
                WEEK_2, List.of(survey("b", Assessment.Due.POST, true))));
    }
}
