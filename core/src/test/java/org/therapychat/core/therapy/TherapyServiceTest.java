package org.therapychat.core.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.THERAPIST;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.WEEK_2;
import static org.therapychat.core.fixtures.Samples.ana;
import static org.therapychat.core.fixtures.Samples.ben;
import static org.therapychat.core.fixtures.Samples.survey;
import static org.therapychat.core.fixtures.Samples.therapist;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.DomainException.AssessmentsPending;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.UserId;
import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.fixtures.FailingActionLog;
import org.therapychat.core.fixtures.Samples;
import org.therapychat.core.fixtures.World;
import org.therapychat.core.login.Role;

class TherapyServiceTest {
    private final World world = new World().withWeek1();

    private Caller loggedIn(org.therapychat.core.login.User user) {
        return world.caller(world.logIn(user));
    }

    private List<String> notices() {
        return world.log.readAfter(WEEK_1, 0, 100).stream().map(StoredAction::action)
                .filter(Action.Notice.class::isInstance).map(a -> ((Action.Notice) a).body()).toList();
    }

    @Test
    void listsTheUsersSessionsNewestFirstWithTheirAssessments() {
        world.sessions.define(Samples.definition(WEEK_2, world.now().plus(Duration.ofDays(7)), ANA));
        world.assessments.put(WEEK_1, ANA, List.of(survey("location", Assessment.Due.PRE, true)));
        SessionOverview overview = world.therapy.list(loggedIn(ana()));
        assertThat(overview.sessions()).extracting(e -> e.session().id()).containsExactly(WEEK_2, WEEK_1);
        assertThat(overview.sessions().get(1).assessments()).containsExactly(survey("location", Assessment.Due.PRE, true));
        assertThat(overview.sessions().get(0).assessments()).isEmpty();
    }

    @Test
    void todoCountsPreSurveysOfUpcomingSessionsAndPostSurveysOfEndedOnes() {
        world.assessments.put(WEEK_1, ANA, List.of(survey("pre-a", Assessment.Due.PRE, false),
                survey("pre-b", Assessment.Due.PRE, true), survey("post", Assessment.Due.POST, false)));
        Caller ana = loggedIn(ana());
        assertThat(world.therapy.list(ana).todo()).isEqualTo(1);
        assertThat(world.therapy.list(ana).sessions().get(0).dueNow()).extracting(Assessment::name).containsExactly("pre-a");
        world.sessions.setStatus(WEEK_1, SessionStatus.ENDED);
        assertThat(world.therapy.list(ana).todo()).isEqualTo(1);
        world.assessments.put(WEEK_1, ANA, List.of(survey("post", Assessment.Due.POST, false),
                survey("post-2", Assessment.Due.POST, false)));
        assertThat(world.therapy.list(ana).todo()).isEqualTo(2);
    }

    @Test
    void aScheduledSessionLongPastCountsAsOver() {
        world.assessments.put(WEEK_1, ANA, List.of(survey("post", Assessment.Due.POST, false)));
        Caller ana = loggedIn(ana());
        assertThat(world.therapy.list(ana).todo()).isZero();
        world.clock.advance(Duration.ofHours(14));
        assertThat(world.therapy.list(world.caller(world.logIn(ana()))).todo()).isEqualTo(1);
    }

    @Test
    void onlyAMemberMayEnter() {
        world.sessions.define(Samples.definition(WEEK_2, world.now(), BEN));
        NotAllowed refused = catchThrowableOfType(NotAllowed.class, () -> world.therapy.enter(loggedIn(ana()), WEEK_2));
        assertThat(refused.code()).isEqualTo("not_allowed");
        assertThat(refused.getMessage()).isEqualTo("You are not a participant of this session.");
    }

    @Test
    void incompletePreAssessmentsKeepAParticipantOut() {
        world.assessments.put(WEEK_1, ANA, List.of(survey("location", Assessment.Due.PRE, false),
                survey("post-session_survey", Assessment.Due.POST, false)));
        AssessmentsPending pending = catchThrowableOfType(AssessmentsPending.class,
                () -> world.therapy.enter(loggedIn(ana()), WEEK_1));
        assertThat(pending.assessments()).containsExactly("location");
    }

    @Test
    void anEndedSessionRefusesNewEntries() {
        world.sessions.setStatus(WEEK_1, SessionStatus.ENDED);
        NotAllowed refused = catchThrowableOfType(NotAllowed.class, () -> world.therapy.enter(loggedIn(ana()), WEEK_1));
        assertThat(refused.code()).isEqualTo("session_ended");
    }

    @Test
    void enteringRecordsTheSessionMarksPresenceAndAnnouncesTheUser() {
        Caller ana = loggedIn(ana());
        assertThat(world.therapy.enter(ana, WEEK_1)).isEqualTo(EnterResult.ENTERED);
        assertThat(world.authStore.find(ana.session().key()).orElseThrow().currentTherapySession()).contains(WEEK_1);
        assertThat(world.presence.present(WEEK_1)).containsExactly(ANA);
        assertThat(notices()).containsExactly("Ana has joined the session");
        world.therapy.enter(ana, WEEK_1);
        assertThat(notices()).hasSize(1);
    }

    @Test
    void noticesSayWhatHappenedAsDataSoEachClientWordsThemInItsLanguage() {
        Caller ana = world.inChat(ana(), WEEK_1);
        world.therapy.leave(ana, WEEK_1);
        world.admin.postNotice(WEEK_1, "Please fill in your survey.");
        world.therapist.end(world.inChat(therapist(), WEEK_1), WEEK_1);
        List<Action.Notice> all = world.log.readAfter(WEEK_1, 0, 100).stream().map(StoredAction::action)
                .filter(Action.Notice.class::isInstance).map(Action.Notice.class::cast).toList();
        assertThat(all).extracting(Action.Notice::kind).containsExactly(Action.Notice.Kind.JOINED,
                Action.Notice.Kind.LEFT, Action.Notice.Kind.TEXT, Action.Notice.Kind.JOINED,
                Action.Notice.Kind.SESSION_ENDED);
        assertThat(all.get(0).attendance()).contains(new Action.Attendance(ANA, true));
        assertThat(all.get(4).body()).as("the English text stays for old clients and the export")
                .isEqualTo("The session has ended. Thank you for taking part.");
    }

    @Test
    void leavingDoesTheReverse() {
        Caller ana = world.inChat(ana(), WEEK_1);
        world.therapy.leave(ana, WEEK_1);
        assertThat(world.authStore.find(ana.session().key()).orElseThrow().currentTherapySession()).isEmpty();
        assertThat(world.presence.present(WEEK_1)).isEmpty();
        assertThat(notices()).containsExactly("Ana has joined the session", "Ana has left the session");
    }

    @Test
    void aPresenceWithoutAPollForThreeMinutesLapsesWithANotice() {
        world.inChat(ana(), WEEK_1);
        Caller ben = world.inChat(ben(), WEEK_1);
        world.clock.advance(Duration.ofSeconds(179));
        world.therapy.heartbeat(ben, WEEK_1);
        assertThat(world.presence.present(WEEK_1)).containsExactlyInAnyOrder(ANA, BEN);
        world.clock.advance(Duration.ofSeconds(2));
        world.therapy.heartbeat(ben, WEEK_1);
        assertThat(world.presence.present(WEEK_1)).containsExactly(BEN);
        assertThat(notices()).endsWith("Ana has left the session");
    }

    @Test
    void aShortAbsenceShowsAwayToTheTherapistButAnnouncesNothing() {
        Caller ana = world.inChat(ana(), WEEK_1);
        Caller ben = world.inChat(ben(), WEEK_1);
        List<String> before = notices();
        world.clock.advance(Duration.ofSeconds(61));
        world.therapy.heartbeat(ben, WEEK_1);
        assertThat(presentIn(world.therapy.detail(ben, WEEK_1))).as("Ana shows away after 60 s").containsExactly(BEN);

        world.clock.advance(Duration.ofSeconds(110));
        world.therapy.heartbeat(ben, WEEK_1);
        world.therapy.heartbeat(ana, WEEK_1);

        assertThat(notices()).as("neither a leave nor a join").isEqualTo(before);
        assertThat(presentIn(world.therapy.detail(ben, WEEK_1))).containsExactlyInAnyOrder(ANA, BEN);
    }

    @Test
    void aReturnAfterTheAnnouncedLapseIsAnnounced() {
        Caller ana = world.inChat(ana(), WEEK_1);
        Caller ben = world.inChat(ben(), WEEK_1);
        world.clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        world.therapy.heartbeat(ben, WEEK_1);
        world.therapy.heartbeat(ana, WEEK_1);
        assertThat(notices()).endsWith("Ana has left the session", "Ana has joined the session");
    }

    @Test
    void anExplicitLeaveIsAnnouncedAtOnceEvenRightAfterEntering() {
        Caller ana = world.inChat(ana(), WEEK_1);
        world.clock.advance(Duration.ofSeconds(5));
        world.therapy.leave(ana, WEEK_1);
        assertThat(notices()).endsWith("Ana has left the session");
    }

    private static List<UserId> presentIn(SessionDetail detail) {
        return detail.members().stream().filter(SessionDetail.MemberView::present).map(SessionDetail.MemberView::id).toList();
    }

    @Test
    void aTherapistEnteringAScheduledSessionOpensIt() {
        world.inChat(ana(), WEEK_1);
        assertThat(world.session(WEEK_1).status()).isEqualTo(SessionStatus.SCHEDULED);
        world.inChat(therapist(), WEEK_1);
        assertThat(world.session(WEEK_1).status()).isEqualTo(SessionStatus.OPEN);
    }

    @Test
    void withTherapistAdmissionAParticipantWaitsUntilAdmitted() {
        TherapySession s = world.session(WEEK_1);
        world.sessions.define(new SessionDefinition(s.id(), s.name(), s.topic(), s.date(), Admission.THERAPIST,
                s.members().stream().map(Member::user).toList()));
        Caller ana = loggedIn(ana());
        assertThat(world.therapy.enter(ana, WEEK_1)).isEqualTo(EnterResult.WAITING_FOR_ADMISSION);
        assertThat(world.presence.present(WEEK_1)).isEmpty();
        world.therapist.admit(loggedIn(therapist()), WEEK_1, ANA);
        assertThat(world.therapy.enter(ana, WEEK_1)).isEqualTo(EnterResult.ENTERED);
    }

    private void therapistAdmission() {
        TherapySession s = world.session(WEEK_1);
        world.sessions.define(new SessionDefinition(s.id(), s.name(), s.topic(), s.date(), Admission.THERAPIST,
                s.members().stream().map(Member::user).toList()));
    }

    private Caller lee;

    private SessionDetail.MemberView seenByTherapist(UserId who) {
        if (lee == null) {
            lee = loggedIn(therapist());
        }
        return world.therapy.detail(lee, WEEK_1).members().stream()
                .filter(m -> m.id().equals(who)).findFirst().orElseThrow();
    }

    private long detailChanges() {
        return world.log.readAfter(WEEK_1, 0, 100).stream()
                .filter(a -> a.action() instanceof Action.UpdateChatDetails).count();
    }

    @Test
    void aParticipantInTheWaitingRoomShowsAsWaitingNotAsAbsent() {
        therapistAdmission();
        Caller ana = loggedIn(ana());
        assertThat(world.therapy.enter(ana, WEEK_1)).isEqualTo(EnterResult.WAITING_FOR_ADMISSION);
        assertThat(seenByTherapist(ANA).waiting()).isTrue();
        assertThat(seenByTherapist(ANA).present()).isFalse();
        assertThat(seenByTherapist(BEN).waiting()).isFalse();
        // the arrival wakes the therapist's page; the waiting page asking again does not
        assertThat(detailChanges()).isEqualTo(1);
        world.clock.advance(Duration.ofSeconds(5));
        world.therapy.enter(ana, WEEK_1);
        assertThat(detailChanges()).isEqualTo(1);
    }

    @Test
    void aWaitingParticipantWhoStopsAskingOrGoesBackIsNoLongerWaiting() {
        therapistAdmission();
        Caller ana = loggedIn(ana());
        world.therapy.enter(ana, WEEK_1);
        world.clock.advance(world.settings.presenceLapse().plusSeconds(1));
        assertThat(seenByTherapist(ANA).waiting()).isFalse();
        world.therapy.enter(ana, WEEK_1);
        assertThat(seenByTherapist(ANA).waiting()).isTrue();
        world.therapy.leave(ana, WEEK_1);
        assertThat(seenByTherapist(ANA).waiting()).isFalse();
        assertThat(detailChanges()).isEqualTo(3);
    }

    @Test
    void anAdmittedParticipantIsInTheChatNotWaiting() {
        therapistAdmission();
        Caller ana = loggedIn(ana());
        world.therapy.enter(ana, WEEK_1);
        assertThat(seenByTherapist(ANA).waiting()).isTrue();
        world.therapist.admit(lee, WEEK_1, ANA);
        assertThat(seenByTherapist(ANA).waiting()).isFalse();
        world.therapy.enter(ana, WEEK_1);
        assertThat(seenByTherapist(ANA).present()).isTrue();
        assertThat(seenByTherapist(ANA).waiting()).isFalse();
    }

    @Test
    void detailShowsMetadataAndMembersWithPresenceToMembersOnly() {
        Caller ana = world.inChat(ana(), WEEK_1);
        SessionDetail detail = world.therapy.detail(loggedIn(ben()), WEEK_1);
        assertThat(detail.session().name()).isEqualTo("Week 1");
        assertThat(detail.members()).contains(
                new SessionDetail.MemberView(ANA, "Ana", Role.PARTICIPANT, true, true),
                new SessionDetail.MemberView(THERAPIST, "Dr. Lee", Role.THERAPIST, false, true));
        world.sessions.define(Samples.definition(WEEK_2, world.now(), BEN));
        assertThatThrownBy(() -> world.therapy.detail(ana, WEEK_2)).isInstanceOf(NotAllowed.class);
    }

    @Test
    void aParticipantSeesOnlyTheirOwnAssessmentsATherapistAnyones() {
        world.assessments.put(WEEK_1, BEN, List.of(survey("mood", Assessment.Due.POST, false)));
        Caller ana = loggedIn(ana());
        assertThat(world.therapy.assessments(ana, WEEK_1, Optional.empty())).isEmpty();
        assertThatThrownBy(() -> world.therapy.assessments(ana, WEEK_1, Optional.of(BEN))).isInstanceOf(NotAllowed.class);
        assertThat(world.therapy.assessments(loggedIn(therapist()), WEEK_1, Optional.of(BEN)))
                .containsExactly(survey("mood", Assessment.Due.POST, false));
        assertThat(world.therapy.assessments(loggedIn(ben()), WEEK_1, Optional.of(UserId.of("P456")))).hasSize(1);
    }

    @Test
    void rolesComeFromTheUserRecordSoDemotionAndPromotionHoldAtOnce() {
        SecretToken leeToken = world.logIn(therapist());
        SecretToken benToken = world.logIn(ben());
        world.therapy.enter(world.caller(leeToken), WEEK_1);
        world.therapy.enter(world.caller(benToken), WEEK_1);
        world.users.put(Samples.user(THERAPIST, Role.PARTICIPANT, "Dr. Lee", "+16505550199", "Lee"));
        world.users.put(Samples.user(BEN, Role.THERAPIST, "Ben", "+16505550102", "Jones"));
        Caller lee = world.caller(leeToken);
        Caller ben = world.caller(benToken);
        assertThatThrownBy(() -> world.therapist.end(lee, WEEK_1)).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> world.therapist.revoke(lee, WEEK_1, ANA)).isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> world.therapy.assessments(lee, WEEK_1, Optional.of(ANA))).isInstanceOf(NotAllowed.class);
        world.therapist.setWhiteboard(ben, WEEK_1, "Ben leads now");
        world.therapist.revoke(ben, WEEK_1, THERAPIST);
        assertThat(world.therapy.detail(ben, WEEK_1).members()).contains(
                new SessionDetail.MemberView(BEN, "Ben", Role.THERAPIST, true, true),
                new SessionDetail.MemberView(THERAPIST, "Dr. Lee", Role.PARTICIPANT, false, false));
    }

    @Test
    void afterTheEndNeitherAPollNorALeaveChangesPresenceOrAppendsANotice() {
        Caller ana = world.inChat(ana(), WEEK_1);
        Caller ben = world.inChat(ben(), WEEK_1);
        world.therapist.end(world.inChat(therapist(), WEEK_1), WEEK_1);
        List<String> atTheEnd = notices();
        assertThat(atTheEnd).last().isEqualTo("The session has ended. Thank you for taking part.");

        world.clock.advance(Duration.ofSeconds(61));
        world.therapy.heartbeat(ben, WEEK_1);
        world.therapy.leave(ana, WEEK_1);
        world.therapy.heartbeat(ana, WEEK_1);

        assertThat(notices()).isEqualTo(atTheEnd);
        assertThat(world.presence.present(WEEK_1)).containsExactlyInAnyOrder(ANA, BEN, THERAPIST);
        assertThat(world.authStore.find(ana.session().key()).orElseThrow().currentTherapySession())
                .as("the client can still exit").isEmpty();
    }

    @Test
    void anEndedSessionShowsNobodyPresent() {
        world.inChat(ana(), WEEK_1);
        Caller lee = world.inChat(therapist(), WEEK_1);
        world.therapist.end(lee, WEEK_1);
        assertThat(world.therapy.detail(lee, WEEK_1).members()).noneMatch(SessionDetail.MemberView::present);
    }

    @Test
    void aPollOrLeaveThatRacesTheEndAppendsNoNoticeAfterTheClosingOne() {
        Caller ana = world.inChat(ana(), WEEK_1);
        Caller ben = world.inChat(ben(), WEEK_1);
        world.clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        // The log is closed but this instance still reads the session as open: the end is under way.
        world.serverActions.closeChat(WEEK_1, "The session has ended. Thank you for taking part.");
        List<String> atTheEnd = notices();

        world.therapy.heartbeat(ben, WEEK_1);
        world.therapy.leave(ana, WEEK_1);

        assertThat(notices()).isEqualTo(atTheEnd);
        assertThat(world.presence.present(WEEK_1)).as("each refused change is undone").containsExactlyInAnyOrder(ANA, BEN);
    }

    @Test
    void aLeaveWhoseCachedLoginSessionPredatesTheEntryStillTakesTheUserOut() {
        org.therapychat.core.common.SecretToken token = world.logIn(ana());
        // read before the entry (as another instance's cache may still hold it)
        Caller stale = world.caller(token);
        world.therapy.enter(world.caller(token), WEEK_1);

        world.therapy.leave(stale, WEEK_1);

        assertThat(world.auth.isStillIn(world.caller(token), WEEK_1)).as("the login session left the chat").isFalse();
        assertThat(world.presence.present(WEEK_1)).isEmpty();
    }

    @Test
    void aPollThatPassedItsCheckBeforeALeaveOrRevokeDoesNotReaddThePresence() {
        Caller anasPoll = world.inChat(ana(), WEEK_1);
        world.therapy.leave(anasPoll, WEEK_1);
        world.therapy.heartbeat(anasPoll, WEEK_1);
        assertThat(world.presence.present(WEEK_1)).isEmpty();

        Caller bensPoll = world.inChat(ben(), WEEK_1);
        world.therapist.revoke(world.caller(world.logIn(therapist())), WEEK_1, BEN);
        world.therapy.heartbeat(bensPoll, WEEK_1);
        assertThat(world.presence.present(WEEK_1)).doesNotContain(BEN);
        assertThat(notices()).containsExactly("Ana has joined the session", "Ana has left the session",
                "Ben has joined the session");
    }

    @Test
    void aJoinOrLeaveWhoseNoticeFailsIsUndoneSoTheRetryAnnouncesIt() {
        FailingActionLog log = new FailingActionLog(world.log);
        TherapyService therapy = new TherapyService(world.sessions, world.assessments, world.presence, world.waitingRoom, world.users,
                world.auth, new ServerActions(log, world.clock), world.clock, world.settings);
        Caller ana = loggedIn(ana());
        log.failNextAppend();
        assertThatThrownBy(() -> therapy.enter(ana, WEEK_1)).isInstanceOf(PortFailure.class);
        assertThat(world.presence.present(WEEK_1)).isEmpty();
        therapy.enter(ana, WEEK_1);
        assertThat(world.presence.present(WEEK_1)).containsExactly(ANA);

        log.failNextAppend();
        assertThatThrownBy(() -> therapy.leave(ana, WEEK_1)).isInstanceOf(PortFailure.class);
        assertThat(world.presence.present(WEEK_1)).containsExactly(ANA);
        therapy.leave(ana, WEEK_1);
        assertThat(world.presence.present(WEEK_1)).isEmpty();
        assertThat(notices()).containsExactly("Ana has joined the session", "Ana has left the session");
    }

    @Test
    void aLapseWhoseNoticeFailsIsAnnouncedByALaterSweep() {
        FailingActionLog log = new FailingActionLog(world.log);
        TherapyService therapy = new TherapyService(world.sessions, world.assessments, world.presence, world.waitingRoom, world.users,
                world.auth, new ServerActions(log, world.clock), world.clock, world.settings);
        world.inChat(ana(), WEEK_1);
        Caller ben = world.inChat(ben(), WEEK_1);
        world.clock.advance(Duration.ofMinutes(3).plusSeconds(1));
        log.failNextAppend();
        assertThatThrownBy(() -> therapy.heartbeat(ben, WEEK_1)).isInstanceOf(PortFailure.class);
        therapy.heartbeat(ben, WEEK_1);
        assertThat(world.presence.present(WEEK_1)).containsExactly(BEN);
        assertThat(notices()).containsExactly("Ana has joined the session", "Ben has joined the session",
                "Ana has left the session");
    }
}
