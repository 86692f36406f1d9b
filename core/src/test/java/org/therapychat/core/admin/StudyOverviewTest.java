package org.therapychat.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.THERAPIST;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.ana;
import static org.therapychat.core.fixtures.Samples.ben;
import static org.therapychat.core.fixtures.Samples.therapist;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.therapychat.core.audit.Actor;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.NewAction;
import org.therapychat.core.chat.QueuedAction;
import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.therapy.SessionEnding;
import org.therapychat.core.therapy.SessionStatus;
import org.therapychat.core.fixtures.World;

/** The console's "now" and research numbers, worked out from presence and the log. */
class StudyOverviewTest {
    private final World world = new World().withWeek1();

    private long say(Caller who, String clientId, String body, String timeToComplete) {
        var result = world.chat.sync(who, WEEK_1, 0, List.of(new QueuedAction.Request(clientId, null, "message",
                List.of(), body, null, null, List.of(), timeToComplete)));
        assertThat(result.rejected()).isEmpty();
        return result.accepted().get(0).id().value();
    }

    @Test
    void statisticsCountMessagesReactionsAttendanceAndWords() {
        Caller lee = world.inChat(therapist(), WEEK_1);
        Caller ana = world.inChat(ana(), WEEK_1);
        long hello = say(ana, "a1", "hello there everyone", "900ms");
        say(ana, "a2", "fine", "1.5s");
        world.clock.advance(Duration.ofMinutes(1));
        say(lee, "l1", "welcome", "40000");
        world.chat.sync(lee, WEEK_1, 0, List.of(World.targeted("r1", "reaction", hello, "heart")));
        world.clock.advance(Duration.ofMinutes(9));
        world.therapy.leave(ana, WEEK_1);
        world.clock.advance(Duration.ofMinutes(5));
        world.admin.endTherapySession(Actor.TOKEN, WEEK_1);

        SessionStats stats = world.overview.stats(WEEK_1);
        var byId = stats.members().stream().collect(java.util.stream.Collectors.toMap(m -> m.id().value(), m -> m));
        assertThat(byId.get("P123").messages()).isEqualTo(2);
        assertThat(byId.get("P123").attendanceMinutes()).isEqualTo(10.0);
        assertThat(byId.get("123XYZ").reactions()).isEqualTo(1);
        assertThat(byId.get("123XYZ").attendanceMinutes()).as("present until the closing notice").isEqualTo(15.0);
        assertThat(byId.get("P456").attendanceMinutes()).isZero();
        assertThat(stats.timeToComplete()).extracting(SessionStats.Bucket::count)
                .containsExactly(0, 1, 1, 0, 0, 0, 1, 0, 0);
        assertThat(stats.wordsPerMessage()).hasSize(2);
        assertThat(stats.wordsPerMessage().get(0).messages()).isEqualTo(2);
        assertThat(stats.wordsPerMessage().get(0).averageWords()).isEqualTo(2.0);
        assertThat(stats.wordsPerMessage().get(1).averageWords()).isEqualTo(1.0);
    }

    /** Logs written before polls and leaves stopped at the end hold presence notices after the closing one. */
    @Test
    void attendanceStopsAtTheClosingNoticeWhateverFollowsIt() {
        java.time.Instant start = world.now();
        List<NewAction> log = List.of(
                presence(start, ANA, true), presence(start, THERAPIST, true),
                NewAction.fromServer(java.util.Set.of(), start.plus(Duration.ofMinutes(10)),
                        new Action.Notice(SessionEnding.CLOSING_NOTICE, ServerActions.SYSTEM)),
                NewAction.fromServer(java.util.Set.of(), start.plus(Duration.ofMinutes(11)),
                        new Action.Notice("Please fill in your survey.", ServerActions.SYSTEM)),
                presence(start.plus(Duration.ofMinutes(15)), ANA, false),
                presence(start.plus(Duration.ofMinutes(16)), ANA, true),
                presence(start.plus(Duration.ofMinutes(30)), THERAPIST, false));
        List<StoredAction> stored = new java.util.ArrayList<>();
        for (NewAction a : log) {
            stored.add(StoredAction.of(ActionId.of(stored.size() + 1L), WEEK_1, a, false));
        }
        world.sessions.setStatus(WEEK_1, SessionStatus.ENDED);

        SessionStats stats = SessionStatistics.of(world.session(WEEK_1), java.util.Map.of(), stored,
                start.plus(Duration.ofHours(2)));

        var byId = stats.members().stream().collect(java.util.stream.Collectors.toMap(m -> m.id(), m -> m));
        assertThat(byId.get(ANA).attendanceMinutes()).isEqualTo(10.0);
        assertThat(byId.get(THERAPIST).attendanceMinutes()).isEqualTo(10.0);
    }

    private static NewAction presence(java.time.Instant at, org.therapychat.core.common.UserId who, boolean joined) {
        return NewAction.fromServer(java.util.Set.of(), at, new Action.Notice(who.value() + (joined ? " joined" : " left"),
                ServerActions.SYSTEM, java.util.Optional.of(new Action.Attendance(who, joined))));
    }

    @Test
    void nowShowsWhoIsPresentAndRecentMessagesOfSessionsNotEnded() {
        Caller ana = world.inChat(ana(), WEEK_1);
        world.inChat(ben(), WEEK_1);
        say(ana, "a1", "one", null);
        assertThat(world.overview.now()).singleElement().satisfies(n -> {
            assertThat(n.present()).extracting(StudyOverview.MemberInfo::id).containsExactly(ANA, BEN);
            assertThat(n.messagesLastMinutes()).isEqualTo(1);
        });
        world.clock.advance(Duration.ofMinutes(6));
        say(ana, "a2", "two", null);
        assertThat(world.overview.now()).singleElement().satisfies(n -> {
            assertThat(n.present()).as("Ben's presence lapsed").extracting(StudyOverview.MemberInfo::id)
                    .containsExactly(ANA);
            assertThat(n.messagesLastMinutes()).isEqualTo(1);
        });
        world.admin.endTherapySession(Actor.TOKEN, WEEK_1);
        assertThat(world.overview.now()).isEmpty();
    }

    @Test
    void nowReadsOnlyWhatWasAppendedSinceItLastLooked() {
        Caller ana = world.inChat(ana(), WEEK_1);
        for (int i = 0; i < 30; i++) {
            say(ana, "c" + i, "m" + i, null);
        }
        java.util.concurrent.atomic.AtomicInteger rowsRead = new java.util.concurrent.atomic.AtomicInteger();
        org.therapychat.core.chat.ActionLog counting = (org.therapychat.core.chat.ActionLog) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {org.therapychat.core.chat.ActionLog.class}, (proxy, method, args) -> {
                    Object answer = method.invoke(world.log, args);
                    if (method.getName().equals("readAfter")) {
                        rowsRead.addAndGet(((List<?>) answer).size());
                    }
                    return answer;
                });
        StudyOverview overview = new StudyOverview(world.users, world.sessions, world.assessments, world.presence, world.admin,
                counting, world.clock);
        assertThat(overview.now()).singleElement().extracting(StudyOverview.Now::messagesLastMinutes).isEqualTo(30);
        int first = rowsRead.get();
        say(ana, "c30", "m30", null);
        assertThat(overview.now()).singleElement().extracting(StudyOverview.Now::messagesLastMinutes).isEqualTo(31);
        assertThat(rowsRead.get() - first).as("only the new message is read").isEqualTo(1);
        world.clock.advance(Duration.ofMinutes(6));
        assertThat(overview.now()).singleElement().extracting(StudyOverview.Now::messagesLastMinutes).isEqualTo(0);
        assertThat(rowsRead.get() - first).as("nothing new, nothing read").isEqualTo(1);
    }

    @Test
    void aSessionsDetailHasItsMembersAndEachParticipantsSurveys() {
        world.admin.putAssessments(Actor.TOKEN, WEEK_1, ANA, List.of(new AssessmentSpec("post", "post", "incomplete",
                "https://s.example/p")));
        StudyOverview.SessionDetail detail = world.overview.session(WEEK_1);
        assertThat(detail.info().members()).extracting(m -> m.role().wireName())
                .containsExactly("therapist", "participant", "participant", "participant");
        assertThat(detail.assessments().get(ANA)).hasSize(1);
        assertThat(detail.assessments().get(BEN)).isEmpty();
        assertThat(world.overview.sessions()).extracting(s -> s.session().id()).containsExactly(WEEK_1);
    }
}
