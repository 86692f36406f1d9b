package org.therapychat.core.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.ana;
import static org.therapychat.core.fixtures.Samples.ben;
import static org.therapychat.core.fixtures.Samples.survey;
import static org.therapychat.core.fixtures.Samples.therapist;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.fixtures.World;

class TherapistServiceTest {
    private final World world = new World().withWeek1();
    private final Caller lee = world.inChat(therapist(), WEEK_1);

    private List<String> types() {
        return world.log.readAfter(WEEK_1, 0, 100).stream().map(a -> a.action().type()).toList();
    }

    @Test
    void onlyATherapistOfTheSessionMayLeadIt() {
        Caller ana = world.inChat(ana(), WEEK_1);
        assertThatThrownBy(() -> world.therapist.admit(ana, WEEK_1, BEN)).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> world.therapist.revoke(ana, WEEK_1, BEN)).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> world.therapist.setWhiteboard(ana, WEEK_1, "hi")).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> world.therapist.end(ana, WEEK_1)).isInstanceOf(NotAllowed.class);
    }

    @Test
    void aRevokedParticipantsNextCallIntoTheSessionIsRefused() {
        Caller ben = world.inChat(ben(), WEEK_1);
        world.therapist.revoke(lee, WEEK_1, BEN);
        NotAllowed refused = catchThrowableOfType(NotAllowed.class, () -> world.chat.read(ben, WEEK_1, 0));
        assertThat(refused.code()).isEqualTo("revoked");
        assertThatThrownBy(() -> world.therapy.enter(ben, WEEK_1)).isInstanceOf(NotAllowed.class);
        assertThat(world.presence.present(WEEK_1)).doesNotContain(BEN);
        assertThat(types()).endsWith("update_chat_details");
    }

    @Test
    void admittingARevokedParticipantLetsThemBackIn() {
        world.therapist.revoke(lee, WEEK_1, BEN);
        world.therapist.admit(lee, WEEK_1, BEN);
        assertThat(world.session(WEEK_1).member(BEN).orElseThrow().admitted()).isTrue();
        assertThat(world.therapy.enter(world.caller(world.logIn(ben())), WEEK_1)).isEqualTo(EnterResult.ENTERED);
    }

    @Test
    void theWhiteboardIsPinnedAndAnnounced() {
        world.therapist.setWhiteboard(lee, WEEK_1, "Today: sleep");
        assertThat(world.session(WEEK_1).whiteboard()).isEqualTo("Today: sleep");
        assertThat(types()).endsWith("update_chat_details");
        assertThat(catchThrowableOfType(ValidationFailed.class,
                () -> world.therapist.setWhiteboard(lee, WEEK_1, "x".repeat(2001))).field()).isEqualTo("text");
    }

    @Test
    void endingClosesTheChatOnceAndMakesPostSurveysDue() {
        world.assessments.put(WEEK_1, ANA, List.of(survey("post-session_survey", Assessment.Due.POST, false)));
        Caller ana = world.inChat(ana(), WEEK_1);
        assertThat(world.therapy.list(ana).todo()).isZero();
        world.therapist.end(lee, WEEK_1);
        world.therapist.end(lee, WEEK_1);
        assertThat(world.session(WEEK_1).status()).isEqualTo(SessionStatus.ENDED);
        assertThat(world.therapy.list(ana).todo()).isEqualTo(1);
        List<StoredAction> log = world.log.readAfter(WEEK_1, 0, 100);
        assertThat(log.stream().filter(a -> a.action().type().equals("notice")).map(a -> a.action().toString()))
                .filteredOn(s -> s.contains("ended")).hasSize(1);
        assertThat(types()).endsWith("notice", "update_chat_details");
    }

    @Test
    void therapistsCannotBeAdmittedOrRevoked() {
        assertThatThrownBy(() -> world.therapist.revoke(lee, WEEK_1, therapist().id()))
                .isInstanceOf(ValidationFailed.class);
    }
}
