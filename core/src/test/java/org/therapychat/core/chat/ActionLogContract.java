package org.therapychat.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.THERAPIST;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.WEEK_2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/** What every {@link ActionLog} must do. Implementations supply an empty log per call. */
public interface ActionLogContract {
    ActionLog emptyActionLog();

    Instant T0 = Instant.parse("2026-11-24T17:00:00.123456Z");

    static NewAction message(UserId author, String clientId, String body) {
        return new NewAction(Optional.of(author), Optional.of(clientId), Optional.of("2026-11-24T17:00:00.000Z"),
                Set.of(), Optional.empty(), T0, new Action.Message(List.of(), body, Optional.empty(), List.of("a", "b"),
                Optional.of("671ms")));
    }

    static NewAction reaction(UserId author, String clientId, ActionId target, ReactionIcon icon) {
        return new NewAction(Optional.of(author), Optional.of(clientId), Optional.empty(), Set.of(),
                Optional.of("reaction:" + target + ":" + icon.wireName()), T0, new Action.Reaction(icon, target));
    }

    @Test
    default void idsIncreaseWithEachAppend() {
        ActionLog log = emptyActionLog();
        ActionId first = log.append(WEEK_1, message(ANA, "c1", "one")).id();
        ActionId second = log.append(WEEK_1, message(ANA, "c2", "two")).id();
        assertThat(second).isGreaterThan(first);
    }

    @Test
    default void readAfterAnswersLaterActionsAscendingUpToTheLimit() {
        ActionLog log = emptyActionLog();
        List<ActionId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(log.append(WEEK_1, message(ANA, "c" + i, "m" + i)).id());
        }
        List<StoredAction> page = log.readAfter(WEEK_1, ids.get(1).value(), 2);
        assertThat(page).extracting(StoredAction::id).containsExactly(ids.get(2), ids.get(3));
        assertThat(log.readAfter(WEEK_1, ids.get(4).value(), 10)).isEmpty();
        assertThat(log.readAfter(WEEK_1, 0, 10)).hasSize(5);
    }

    @Test
    default void sessionsHaveSeparateLogs() {
        ActionLog log = emptyActionLog();
        ActionId inWeek1 = log.append(WEEK_1, message(ANA, "c1", "one")).id();
        log.append(WEEK_2, message(ANA, "c2", "two"));
        assertThat(log.readAfter(WEEK_1, 0, 10)).extracting(StoredAction::id).containsExactly(inWeek1);
        assertThat(log.find(WEEK_2, inWeek1)).isEmpty();
    }

    @Test
    default void everyFieldSurvivesTheRoundTrip() {
        ActionLog log = emptyActionLog();
        NewAction privateReply = new NewAction(Optional.of(THERAPIST), Optional.of("c-9"),
                Optional.of("2026-11-24T17:00:00.000Z"), Set.of(ANA, THERAPIST), Optional.empty(), T0,
                new Action.Message(List.of(ANA), "<div>food</div> ünïcødé 🙂 @Ana", Optional.of(ActionId.of(7)),
                        List.of("<", "d", "Backspace"), Optional.of("671ms"), List.of(ANA, THERAPIST)));
        List<NewAction> all = List.of(privateReply,
                NewAction.fromServer(Set.of(), T0, new Action.Notice("Ana has joined the session", "system")),
                NewAction.fromServer(Set.of(ANA), T0, new Action.UpdateAssessments(ANA)),
                NewAction.fromServer(Set.of(), T0, new Action.UpdateChatDetails()),
                new NewAction(Optional.of(BEN), Optional.of("c-10"), Optional.empty(), Set.of(), Optional.of("read:7"),
                        T0, new Action.MessageRead(ActionId.of(7))),
                reaction(BEN, "c-11", ActionId.of(7), ReactionIcon.ANGRY));
        List<ActionId> ids = all.stream().map(a -> log.append(WEEK_1, a).id()).toList();
        for (int i = 0; i < all.size(); i++) {
            assertThat(log.find(WEEK_1, ids.get(i))).contains(StoredAction.of(ids.get(i), WEEK_1, all.get(i), false));
        }
    }

    @Test
    default void aNoticeKeepsItsKind() {
        ActionLog log = emptyActionLog();
        List<Action.Notice> notices = List.of(
                new Action.Notice("Ana has joined the session", "system", Optional.of(new Action.Attendance(ANA, true))),
                new Action.Notice("Ana has left the session", "system", Optional.of(new Action.Attendance(ANA, false))),
                new Action.Notice("The session has ended. Thank you for taking part.", "system"),
                Action.Notice.closing("Fin."));
        List<ActionId> ids = notices.stream()
                .map(n -> log.append(WEEK_1, NewAction.fromServer(Set.of(), T0, n)).id()).toList();
        assertThat(ids).extracting(id -> ((Action.Notice) log.find(WEEK_1, id).orElseThrow().action()).kind())
                .containsExactly(Action.Notice.Kind.JOINED, Action.Notice.Kind.LEFT, Action.Notice.Kind.TEXT,
                        Action.Notice.Kind.SESSION_ENDED);
    }

    @Test
    default void resendingAClientIdStoresNothingAndAnswersTheOriginalId() {
        ActionLog log = emptyActionLog();
        Appended first = log.append(WEEK_1, message(ANA, "same", "hello"));
        Appended again = log.append(WEEK_1, message(ANA, "same", "hello"));
        assertThat(first.duplicate()).isFalse();
        assertThat(again).isEqualTo(new Appended(first.id(), true));
        assertThat(log.readAfter(WEEK_1, 0, 10)).hasSize(1);
        assertThat(log.findByClientId(WEEK_1, ANA, "same")).contains(first.id());
        assertThat(log.findByClientId(WEEK_1, BEN, "same")).isEmpty();
        assertThat(log.findByClientId(WEEK_2, ANA, "same")).isEmpty();
    }

    /** A client may reuse a clientId in another session: each session keeps its own action. */
    @Test
    default void aClientIdIsKeyedByItsSession() {
        ActionLog log = emptyActionLog();
        Appended inWeek1 = log.append(WEEK_1, message(ANA, "priv-1", "in week 1"));
        Appended inWeek2 = log.append(WEEK_2, message(ANA, "priv-1", "in week 2"));
        assertThat(inWeek2.duplicate()).isFalse();
        assertThat(inWeek2.id()).isNotEqualTo(inWeek1.id());
        assertThat(log.readAfter(WEEK_2, 0, 10)).extracting(StoredAction::id).containsExactly(inWeek2.id());
        assertThat(log.findByClientId(WEEK_2, ANA, "priv-1")).contains(inWeek2.id());
        assertThat(log.findByClientId(WEEK_1, ANA, "priv-1")).contains(inWeek1.id());
        assertThat(log.append(WEEK_2, message(ANA, "priv-1", "in week 2"))).isEqualTo(new Appended(inWeek2.id(), true));
    }

    @Test
    default void aClientIdBelongsToItsAuthor() {
        ActionLog log = emptyActionLog();
        ActionId ana = log.append(WEEK_1, message(ANA, "same", "hello")).id();
        ActionId ben = log.append(WEEK_1, message(BEN, "same", "hello")).id();
        assertThat(ben).isNotEqualTo(ana);
    }

    @Test
    default void theSameReactionTwiceIsOneReaction() {
        ActionLog log = emptyActionLog();
        ActionId target = log.append(WEEK_1, message(ANA, "m", "hi")).id();
        Appended heart = log.append(WEEK_1, reaction(BEN, "r1", target, ReactionIcon.HEART));
        Appended again = log.append(WEEK_1, reaction(BEN, "r2", target, ReactionIcon.HEART));
        Appended smile = log.append(WEEK_1, reaction(BEN, "r3", target, ReactionIcon.SMILE));
        Appended anasHeart = log.append(WEEK_1, reaction(ANA, "r4", target, ReactionIcon.HEART));
        assertThat(again).isEqualTo(new Appended(heart.id(), true));
        assertThat(List.of(smile, anasHeart)).noneMatch(Appended::duplicate);
        assertThat(log.readAfter(WEEK_1, 0, 10)).hasSize(4);
    }

    @Test
    default void aDeleteMarksItsTargetDeletedButKeepsTheBody() {
        ActionLog log = emptyActionLog();
        ActionId target = log.append(WEEK_1, message(ANA, "m", "regret")).id();
        log.append(WEEK_1, new NewAction(Optional.of(ANA), Optional.of("d"), Optional.empty(), Set.of(),
                Optional.empty(), T0, new Action.Delete(target)));
        StoredAction stored = log.find(WEEK_1, target).orElseThrow();
        assertThat(stored.deleted()).isTrue();
        assertThat(((Action.Message) stored.action()).body()).isEqualTo("regret");
        assertThat(log.readAfter(WEEK_1, 0, 10).get(0).deleted()).isTrue();
    }

    static NewAction closingNotice() {
        return NewAction.fromServer(Set.of(), T0, Action.Notice.closing("The session has ended."));
    }

    @Test
    default void aClosedLogRefusesClientActionsButTakesServerActions() {
        ActionLog log = emptyActionLog();
        ActionId before = log.append(WEEK_1, message(ANA, "before", "still open")).id();
        ActionId notice = log.close(WEEK_1, closingNotice()).orElseThrow();
        assertThat(notice).isGreaterThan(before);
        NotAllowed refused = org.assertj.core.api.Assertions.catchThrowableOfType(NotAllowed.class,
                () -> log.append(WEEK_1, message(ANA, "after", "anyone?")));
        assertThat(refused.code()).isEqualTo("session_ended");
        assertThat(log.append(WEEK_1, message(ANA, "before", "still open"))).isEqualTo(new Appended(before, true));
        Appended survey = log.append(WEEK_1, NewAction.fromServer(Set.of(ANA), T0, new Action.UpdateAssessments(ANA)));
        assertThat(survey.id()).isGreaterThan(notice);
        assertThat(log.append(WEEK_2, message(ANA, "elsewhere", "other sessions stay open")).duplicate()).isFalse();
        assertThat(log.readAfter(WEEK_1, 0, 10)).extracting(StoredAction::id).containsExactly(before, notice, survey.id());
    }

    @Test
    default void aClosedLogRefusesPresenceNoticesButTakesOtherNotices() {
        ActionLog log = emptyActionLog();
        log.close(WEEK_1, closingNotice()).orElseThrow();
        NotAllowed refused = org.assertj.core.api.Assertions.catchThrowableOfType(NotAllowed.class,
                () -> log.append(WEEK_1, NewAction.fromServer(Set.of(), T0, new Action.Notice("Ana has left the session",
                        "system", java.util.Optional.of(new Action.Attendance(ANA, false))))));
        assertThat(refused.code()).isEqualTo("session_ended");
        Appended staffNotice = log.append(WEEK_1, NewAction.fromServer(Set.of(), T0,
                new Action.Notice("Please fill in your survey.", "system")));
        assertThat(log.readAfter(WEEK_1, 0, 10)).extracting(StoredAction::id).hasSize(2).last()
                .isEqualTo(staffNotice.id());
    }

    @Test
    default void closingTwiceAppendsOneClosingNotice() {
        ActionLog log = emptyActionLog();
        assertThat(log.close(WEEK_1, closingNotice())).isPresent();
        assertThat(log.close(WEEK_1, closingNotice())).isEmpty();
        assertThat(log.readAfter(WEEK_1, 0, 10)).hasSize(1);
    }

    /** Writers race the end of their session: no client action ever lands after the closing notice. */
    @Test
    @Timeout(120)
    default void noClientActionIsStoredAfterTheClosingNoticeWhileWritersRace() throws Exception {
        ActionLog log = emptyActionLog();
        int rounds = 20;
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            for (int round = 0; round < rounds; round++) {
                TherapySessionId ts = TherapySessionId.of("race-" + round);
                java.util.concurrent.atomic.AtomicInteger appended = new java.util.concurrent.atomic.AtomicInteger();
                List<Future<List<ActionId>>> written = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    UserId author = UserId.of("W" + w);
                    written.add(pool.submit(() -> {
                        List<ActionId> ids = new ArrayList<>();
                        for (int i = 0; i < 200; i++) {
                            try {
                                ids.add(appendRetryingBusy(log, ts, message(author, "w" + i, "m" + i)).id());
                                appended.incrementAndGet();
                            } catch (NotAllowed e) {
                                assertThat(e.code()).isEqualTo("session_ended");
                                return ids;
                            }
                        }
                        return ids;
                    }));
                }
                int closeAfter = 1 + round % 8;
                Future<Optional<ActionId>> closer = pool.submit(() -> {
                    while (appended.get() < closeAfter) {
                        Thread.onSpinWait();
                    }
                    return log.close(ts, closingNotice());
                });
                ActionId notice = closer.get(60, TimeUnit.SECONDS).orElseThrow();
                for (Future<List<ActionId>> f : written) {
                    assertThat(f.get(60, TimeUnit.SECONDS)).allMatch(id -> id.compareTo(notice) < 0,
                            "acknowledged before the closing notice " + notice);
                }
                assertThat(log.readAfter(ts, notice.value(), 1000)).noneMatch(a -> a.author().isPresent());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    default void racingResendsOfOneClientIdStoreOneAction() throws Exception {
        ActionLog log = emptyActionLog();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Appended>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> log.append(WEEK_1, message(ANA, "racy", "once"))));
            }
            Set<ActionId> ids = new HashSet<>();
            for (Future<Appended> f : results) {
                ids.add(f.get().id());
            }
            assertThat(ids).hasSize(1);
            assertThat(log.readAfter(WEEK_1, 0, 100)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /** 16 writers and a poller that passes back its last id: every action seen exactly once, ascending. */
    @Test
    @Timeout(120)
    default void aPollerNeverMissesNorRepeatsAnActionWhileSixteenWritersAppend() throws Exception {
        ActionLog log = emptyActionLog();
        int writers = 16;
        int perWriter = 40;
        TherapySessionId ts = WEEK_1;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try {
            Future<List<Long>> poller = pool.submit(pollUntil(log, ts, writing));
            List<Future<List<Long>>> written = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                UserId author = UserId.of("W" + w);
                written.add(pool.submit(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        ids.add(appendRetryingBusy(log, ts, message(author, "w" + i, "m" + i)).id().value());
                    }
                    return ids;
                }));
            }
            Set<Long> all = new HashSet<>();
            for (Future<List<Long>> f : written) {
                all.addAll(f.get());
            }
            writing.set(false);
            List<Long> seen = poller.get(60, TimeUnit.SECONDS);
            assertThat(all).hasSize(writers * perWriter);
            assertThat(seen).isSorted().doesNotHaveDuplicates();
            assertThat(new HashSet<>(seen)).isEqualTo(all);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
    }

    /**
     * Appends as a client does: "the chat is busy" (a writer that waited its bound for the chat's
     * append order, on a loaded machine) is answered before anything is written, and retried.
     */
    private static Appended appendRetryingBusy(ActionLog log, TherapySessionId ts, NewAction action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return log.append(ts, action);
            } catch (org.therapychat.core.common.DomainException.PortFailure busy) {
                if (attempt == 20) {
                    throw busy;
                }
                System.out.println("append answered '" + busy.getMessage() + "', retried (attempt " + attempt + ")");
            }
        }
    }

    private static Callable<List<Long>> pollUntil(ActionLog log, TherapySessionId ts, AtomicBoolean writing) {
        return () -> {
            List<Long> seen = new ArrayList<>();
            long maxId = 0;
            boolean lastRound = false;
            while (true) {
                boolean stillWriting = writing.get();
                List<StoredAction> page = log.readAfter(ts, maxId, 50);
                for (StoredAction a : page) {
                    seen.add(a.id().value());
                    maxId = a.id().value();
                }
                if (page.isEmpty()) {
                    if (lastRound) {
                        return seen;
                    }
                    lastRound = !stillWriting;
                }
            }
        };
    }
}
