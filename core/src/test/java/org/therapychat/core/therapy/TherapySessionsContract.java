package org.therapychat.core.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.CAROL;
import static org.therapychat.core.fixtures.Samples.THERAPIST;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.WEEK_2;
import static org.therapychat.core.fixtures.Samples.definition;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.therapy.TherapySessions.Defined;

public interface TherapySessionsContract {
    TherapySessions emptyTherapySessions();

    Instant DATE = Instant.parse("2026-11-24T18:00:00Z");

    @Test
    default void aDefinitionCreatesAScheduledSessionOfNewcomers() {
        TherapySessions store = emptyTherapySessions();
        SessionDefinition d = new SessionDefinition(WEEK_1, "Week 1", "Sleep", DATE, Admission.THERAPIST,
                List.of(THERAPIST, ANA, BEN));
        assertThat(store.define(d)).isEqualTo(Defined.CREATED);
        assertThat(store.find(WEEK_1)).contains(new TherapySession(WEEK_1, "Week 1", "Sleep", DATE,
                SessionStatus.SCHEDULED, Admission.THERAPIST, "",
                List.of(Member.newcomer(THERAPIST), Member.newcomer(ANA), Member.newcomer(BEN))));
        assertThat(store.find(WEEK_2)).isEmpty();
        assertThat(store.define(d)).as("the same definition again").isEqualTo(Defined.UNCHANGED);
    }

    @Test
    default void aDefinitionChangesOnlyWhatItOwns() {
        TherapySessions store = emptyTherapySessions();
        store.define(definition(WEEK_1, DATE, THERAPIST, ANA, BEN));
        store.setStatus(WEEK_1, SessionStatus.OPEN);
        store.setWhiteboard(WEEK_1, "Breathe in");
        store.updateMember(WEEK_1, Member.newcomer(ANA).admit());
        store.updateMember(WEEK_1, Member.newcomer(BEN).revoke());
        SessionDefinition moved = new SessionDefinition(WEEK_1, "Week 1 (moved)", "Sleep", DATE.plusSeconds(3600),
                Admission.THERAPIST, List.of(CAROL, BEN, ANA));
        assertThat(store.define(moved)).isEqualTo(Defined.CHANGED);
        assertThat(store.find(WEEK_1)).contains(new TherapySession(WEEK_1, "Week 1 (moved)", "Sleep",
                DATE.plusSeconds(3600), SessionStatus.OPEN, Admission.THERAPIST, "Breathe in",
                List.of(Member.newcomer(CAROL), Member.newcomer(BEN).revoke(), Member.newcomer(ANA).admit())));
        assertThat(store.listForMember(THERAPIST)).as("a member not listed leaves").isEmpty();
        assertThat(store.define(moved)).isEqualTo(Defined.UNCHANGED);
    }

    @Test
    default void listsTheSessionsOfAMember() {
        TherapySessions store = emptyTherapySessions();
        store.define(definition(WEEK_1, DATE, ANA));
        store.define(definition(WEEK_2, DATE.plusSeconds(604800), ANA, BEN));
        TherapySession one = store.find(WEEK_1).orElseThrow();
        TherapySession two = store.find(WEEK_2).orElseThrow();
        assertThat(store.listForMember(ANA)).containsExactlyInAnyOrder(one, two);
        assertThat(store.listForMember(BEN)).containsExactly(two);
        assertThat(store.listForMember(THERAPIST)).isEmpty();
    }

    @Test
    default void changesStatusWhiteboardAndOneMember() {
        TherapySessions store = emptyTherapySessions();
        store.define(definition(WEEK_1, DATE, ANA, BEN));
        assertThat(store.setStatus(WEEK_1, SessionStatus.ENDED)).isTrue();
        store.setWhiteboard(WEEK_1, "Homework: a walk a day");
        store.updateMember(WEEK_1, Member.newcomer(ANA).admit());
        store.updateMember(WEEK_1, Member.newcomer(THERAPIST).admit());
        TherapySession s = store.find(WEEK_1).orElseThrow();
        assertThat(s.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(s.whiteboard()).isEqualTo("Homework: a walk a day");
        assertThat(s.members()).containsExactlyInAnyOrder(new Member(ANA, true, false), Member.newcomer(BEN));
    }

    @Test
    default void statusOnlyMovesForward() {
        TherapySessions store = emptyTherapySessions();
        store.define(definition(WEEK_1, DATE, ANA));
        assertThat(store.setStatus(WEEK_1, SessionStatus.OPEN)).isTrue();
        assertThat(store.setStatus(WEEK_1, SessionStatus.OPEN)).isFalse();
        assertThat(store.setStatus(WEEK_1, SessionStatus.ENDED)).isTrue();
        assertThat(store.setStatus(WEEK_1, SessionStatus.OPEN)).as("an open that raced the end").isFalse();
        assertThat(store.setStatus(WEEK_1, SessionStatus.SCHEDULED)).isFalse();
        assertThat(store.find(WEEK_1).orElseThrow().status()).isEqualTo(SessionStatus.ENDED);
    }

    /**
     * Up to 200 rounds (at least 10, and no more than 30 s of rounds on a busy machine) of a renaming
     * definition racing a revoke, and as many racing an end: neither is ever undone.
     */
    @Test
    @Timeout(180)
    default void aRacingDefinitionNeverUndoesARevokeOrAnEnd() throws Exception {
        TherapySessions store = emptyTherapySessions();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long started = System.nanoTime();
        int round = 0;
        try {
            for (; round < 200 && (round < 10 || System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30)); round++) {
                store.define(definition(WEEK_1, DATE, THERAPIST, ANA));
                store.updateMember(WEEK_1, Member.newcomer(ANA).admit());
                SessionDefinition renamed = new SessionDefinition(WEEK_1, "Round " + round, "", DATE, Admission.AUTO,
                        List.of(THERAPIST, ANA));
                race(pool, () -> store.define(renamed), () -> store.updateMember(WEEK_1, Member.newcomer(ANA).revoke()));
                TherapySession s = store.find(WEEK_1).orElseThrow();
                assertThat(s.name()).isEqualTo("Round " + round);
                assertThat(s.member(ANA)).as("round " + round).contains(Member.newcomer(ANA).revoke());

                TherapySessionId ended = TherapySessionId.of("end-" + round);
                store.define(definition(ended, DATE, THERAPIST));
                SessionDefinition after = new SessionDefinition(ended, "After", "", DATE, Admission.AUTO, List.of(THERAPIST));
                race(pool, () -> store.define(after), () -> store.setStatus(ended, SessionStatus.ENDED));
                assertThat(store.find(ended).orElseThrow().status()).as("round " + round).isEqualTo(SessionStatus.ENDED);
                assertThat(store.find(ended).orElseThrow().name()).isEqualTo("After");
            }
        } finally {
            pool.shutdownNow();
            System.out.printf("%s: %d racing rounds in %d ms%n", getClass().getSimpleName(), round,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private static void race(ExecutorService pool, Runnable one, Runnable other) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> awaitThen(start, one), pool);
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> awaitThen(start, other), pool);
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
    }

    private static void awaitThen(CyclicBarrier start, Runnable work) {
        try {
            start.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        work.run();
    }

    @Test
    default void listsEverySessionWithItsMembers() {
        TherapySessions store = emptyTherapySessions();
        assertThat(store.list()).isEmpty();
        store.define(definition(WEEK_1, DATE, THERAPIST, ANA));
        store.define(definition(WEEK_2, DATE.plusSeconds(7 * 86400), THERAPIST, BEN));
        assertThat(store.list()).extracting(TherapySession::id).containsExactlyInAnyOrder(WEEK_1, WEEK_2);
        assertThat(store.list()).filteredOn(s -> s.id().equals(WEEK_2)).singleElement()
                .satisfies(s -> assertThat(s.member(BEN)).isPresent());
    }
}
