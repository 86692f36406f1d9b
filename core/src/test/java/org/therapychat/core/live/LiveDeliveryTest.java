package org.therapychat.core.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.ana;
import static org.therapychat.core.fixtures.Samples.ben;
import static org.therapychat.core.fixtures.Samples.carol;
import static org.therapychat.core.fixtures.Samples.therapist;
import static org.therapychat.core.fixtures.World.message;
import static org.therapychat.core.fixtures.World.privateMessage;
import static org.therapychat.core.fixtures.World.reply;
import static org.therapychat.core.fixtures.World.targeted;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.Appended;
import org.therapychat.core.chat.AnnouncedActionLog;
import org.therapychat.core.chat.ChatService;
import org.therapychat.core.chat.QueuedAction;
import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.fixtures.FailingAuthSessionStore;
import org.therapychat.core.fixtures.SwitchableFeed;
import org.therapychat.core.fixtures.World;
import org.therapychat.core.live.LiveListener.CloseReason;
import org.therapychat.core.login.User;
import org.therapychat.core.memory.InMemoryChangeFeed;
import org.therapychat.core.memory.InMemoryLiveListener;
import org.therapychat.core.therapy.CachingTherapySessions;
import org.therapychat.core.therapy.TherapistService;
import org.therapychat.core.therapy.TherapyService;
import org.therapychat.core.therapy.TherapySessions;

class LiveDeliveryTest {
    private final World world = new World().withWeek1();
    private final InMemoryChangeFeed feed = new InMemoryChangeFeed();
    private final ActionLog log = new AnnouncedActionLog(world.log, feed);
    private final TherapySessions sessions = new CachingTherapySessions(world.sessions, feed, world.clock,
            Duration.ZERO, Duration.ZERO);
    private final FailingAuthSessionStore authStore = new FailingAuthSessionStore(world.authStore);
    private final AuthSessions auth = new AuthSessions(authStore, world.users, world.clock, world.randomness,
            world.settings, feed, Duration.ZERO, Duration.ZERO);
    private final ServerActions serverActions = new ServerActions(log, world.clock);
    private final TherapyService therapy = new TherapyService(sessions, world.assessments, world.presence, world.waitingRoom, world.users,
            auth, serverActions, world.clock, world.settings);
    private final TherapistService therapist = new TherapistService(sessions, world.presence, serverActions, world.users);
    private final ChatService chat = new ChatService(log, sessions, therapy, world.users, world.clock, world.settings);
    // as the standalone app wires it: the caching stores announce every change on the feed
    private final LiveDelivery live = new LiveDelivery(log, sessions, auth, feed, Runnable::run, LiveDelivery.Checks.UNTIL_ANNOUNCED);

    private final SecretToken anaToken = enter(ana());
    private final SecretToken benToken = enter(ben());
    private final SecretToken carolToken = enter(carol());
    private final SecretToken leeToken = enter(therapist());
    private final InMemoryLiveListener anaHears = listen(anaToken);
    private final InMemoryLiveListener benHears = listen(benToken);
    private final InMemoryLiveListener carolHears = listen(carolToken);
    private final InMemoryLiveListener leeHears = listen(leeToken);

    private SecretToken enter(User user) {
        SecretToken token = world.logIn(user);
        therapy.enter(auth.authenticate(token), WEEK_1);
        return token;
    }

    private InMemoryLiveListener listen(SecretToken token) {
        InMemoryLiveListener listener = new InMemoryLiveListener();
        live.open(token, WEEK_1, listener);
        return listener;
    }

    private Caller caller(SecretToken token) {
        return auth.authenticateIn(token, WEEK_1);
    }

    private long send(SecretToken token, QueuedAction action) {
        var result = chat.sync(caller(token), WEEK_1, 0, List.of(action));
        assertThat(result.rejected()).isEmpty();
        return result.accepted().get(0).id().value();
    }

    /**
     * Ana listening through a delivery whose tasks wait until a test runs them, newest first; she was
     * handed ben's message {@code first}, so her check's answer stands.
     */
    private record Queued(LiveDelivery live, InMemoryLiveListener ana, java.util.Deque<Runnable> tasks, long first) {
        void runNewest() {
            tasks.pop().run();
        }
    }

    private Queued anaCheckedOnceWithQueuedTasks() {
        java.util.Deque<Runnable> tasks = new java.util.ArrayDeque<>();
        LiveDelivery later = new LiveDelivery(log, sessions, auth, feed, tasks::push, LiveDelivery.Checks.UNTIL_ANNOUNCED);
        InMemoryLiveListener ana = new InMemoryLiveListener();
        later.open(anaToken, WEEK_1, ana);
        long first = send(benToken, message("c1", "checked"));
        tasks.pop().run();
        return new Queued(later, ana, tasks, first);
    }

    private static List<Long> idsWoken(InMemoryLiveListener listener) {
        return listener.wakes().stream().flatMap(w -> w.data().stream()).map(a -> a.id().value()).toList();
    }

    private static StoredAction last(InMemoryLiveListener listener) {
        List<Wake> wakes = listener.wakes();
        List<StoredAction> data = wakes.get(wakes.size() - 1).data();
        return data.get(data.size() - 1);
    }

    @Test
    void aPublicMessageWakesEveryMemberWithTheMessageAsAPollShowsIt() {
        long id = send(anaToken, message("c1", "hello"));

        for (InMemoryLiveListener l : List.of(anaHears, benHears, carolHears, leeHears)) {
            assertThat(idsWoken(l)).contains(id);
            assertThat(last(l).id().value()).isEqualTo(id);
        }
        Action.Message seen = (Action.Message) last(benHears).action();
        assertThat(seen.body()).isEqualTo("hello");
        assertThat(seen.characterHistory()).as("research data never goes to the chat").isEmpty();
        assertThat(seen.timeToComplete()).isEmpty();
    }

    @Test
    void listenersWhoMaySeeTheSameShareOneWakeAndOnlyTheAuthorGetsItsClientId() {
        long id = send(anaToken, message("c1", "hello"));

        Wake bens = benHears.wakes().get(benHears.wakes().size() - 1);
        assertThat(carolHears.wakes().get(carolHears.wakes().size() - 1)).as("one wake, encoded once").isSameAs(bens);
        assertThat(leeHears.wakes().get(leeHears.wakes().size() - 1)).isSameAs(bens);
        assertThat(last(benHears).clientId()).as("a clientId goes to its author only").isEmpty();
        assertThat(last(anaHears).id().value()).isEqualTo(id);
        assertThat(last(anaHears).clientId()).contains("c1");
    }

    @Test
    void eachPrivateAudienceGetsAWakeOfItsOwn() {
        long id = send(anaToken, privateMessage("p1", "just you", BEN.value()));

        Wake bens = benHears.wakes().get(benHears.wakes().size() - 1);
        Wake lees = leeHears.wakes().get(leeHears.wakes().size() - 1);
        assertThat(bens).isSameAs(lees);
        assertThat(bens.data()).extracting(a -> a.id().value()).containsExactly(id);
        assertThat(carolHears.wakes()).doesNotContain(bens);
    }

    @Test
    void aPrivateMessageWakesOnlyItsAudienceAndTheTherapists() {
        long id = send(anaToken, privateMessage("p1", "just you", BEN.value()));

        assertThat(idsWoken(anaHears)).contains(id);
        assertThat(idsWoken(benHears)).contains(id);
        assertThat(idsWoken(leeHears)).contains(id);
        assertThat(idsWoken(carolHears)).doesNotContain(id);
        assertThat(carolHears.wakes().stream().filter(w -> w.maxId() >= id)).as("no frame at all").isEmpty();
    }

    @Test
    void reactionsReadsRepliesAndDeletesOfAPrivateMessageWakeOnlyItsAudience() {
        long secret = send(anaToken, privateMessage("p1", "just you", BEN.value()));
        long reaction = send(benToken, targeted("r1", "reaction", secret, "heart"));
        long read = send(benToken, targeted("m1", "message_read", secret, null));
        long answer = send(benToken, new QueuedAction.Request("a1", null, "message", List.of(ANA.value()), "ok", Long.toString(secret),
                null, null, null));
        long delete = send(anaToken, targeted("d1", "delete", secret, null));

        assertThat(idsWoken(anaHears)).contains(reaction, read, answer, delete);
        assertThat(idsWoken(leeHears)).contains(reaction, read, answer, delete);
        assertThat(idsWoken(carolHears)).doesNotContain(secret, reaction, read, answer, delete);
    }

    @Test
    void publicRepliesAndNoticesWakeEveryone() {
        long first = send(anaToken, message("c1", "hello"));
        long answer = send(benToken, reply("c2", "hi", first));
        var notice = serverActions.notice(WEEK_1, "Break in 5 minutes", ServerActions.SYSTEM);

        for (InMemoryLiveListener l : List.of(anaHears, benHears, carolHears, leeHears)) {
            assertThat(idsWoken(l)).contains(first, answer, notice.id().value());
        }
    }

    @Test
    void eachWakeCoversEverythingVisibleSinceTheListenersLastWake() {
        long one = send(anaToken, message("c1", "one"));
        long hidden = send(anaToken, privateMessage("p1", "psst", BEN.value()));
        long two = send(anaToken, message("c2", "two"));

        List<Wake> carols = carolHears.wakes();
        Wake lastTwo = carols.get(carols.size() - 1);
        Wake lastOne = carols.stream().filter(w -> w.maxId() == one).findFirst().orElseThrow();
        assertThat(lastTwo.after()).as("skips the private message Carol never heard of").isEqualTo(lastOne.maxId());
        assertThat(lastTwo.data()).extracting(a -> a.id().value()).containsExactly(two);
        assertThat(hidden).isBetween(one, two);
    }

    @Test
    void aDeletedMessageArrivesWithoutItsBody() {
        long id = send(anaToken, message("c1", "oops"));
        send(anaToken, targeted("d1", "delete", id, null));
        InMemoryLiveListener late = listen(benToken);
        serverActions.notice(WEEK_1, "tick", ServerActions.SYSTEM);

        assertThat(late.wakes()).hasSize(1);
        StoredAction deleted = benHears.wakes().stream().flatMap(w -> w.data().stream())
                .filter(a -> a.id().value() == id).findFirst().orElseThrow();
        assertThat(deleted.id().value()).isEqualTo(id);
    }

    @Test
    void logoutClosesWithLoggedOut() {
        auth.logout(anaToken);

        assertThat(anaHears.closedWith()).contains(CloseReason.LOGGED_OUT);
        send(benToken, message("c1", "after"));
        assertThat(idsWoken(anaHears)).isEmpty();
        assertThat(live.openCount()).isEqualTo(3);
    }

    @Test
    void anExpiredLoginClosesOnTheNextRecheck() {
        world.clock.advance(world.settings.sessionIdleTimeout().plusMinutes(1));
        live.recheckAll();

        assertThat(anaHears.closedWith()).contains(CloseReason.LOGGED_OUT);
        assertThat(live.openCount()).isZero();
    }

    /** A batch goes out on the last check while nothing it depends on changed: no read of the login store per batch. */
    @Test
    void aBatchGoesOutOnTheLastCheckWhileNothingChangedEvenWithTheLoginStoreAway() {
        Caller ben = caller(benToken);
        long first = send(benToken, message("c1", "checked"));
        authStore.readsDown(true);
        long second = chat.sync(ben, WEEK_1, 0, List.of(message("c2", "the login store is away"))).accepted().get(0).id().value();

        assertThat(idsWoken(anaHears)).containsExactly(first, second);
        assertThat(idsWoken(leeHears)).containsExactly(first, second);
    }

    /** While the feed is down its news may be missed: every batch checks again (here: the login store is away). */
    @Test
    void whileTheFeedIsDownEveryBatchChecksAgain() {
        SwitchableFeed switchable = new SwitchableFeed(feed);
        LiveDelivery unsure = new LiveDelivery(log, sessions, auth, switchable, Runnable::run, LiveDelivery.Checks.UNTIL_ANNOUNCED);
        InMemoryLiveListener anas = new InMemoryLiveListener();
        unsure.open(anaToken, WEEK_1, anas);
        Caller ben = caller(benToken);
        long first = send(benToken, message("c1", "checked"));

        switchable.live(false);
        authStore.readsDown(true);
        chat.sync(ben, WEEK_1, 0, List.of(message("c2", "unsure who may see it")));

        assertThat(idsWoken(anas)).containsExactly(first);
        assertThat(anas.closedWith()).isEmpty();
    }

    /** By default (stores that announce nothing) every batch checks again: here the login store is away, so nothing goes out. */
    @Test
    void byDefaultEveryBatchChecksAgain() {
        LiveDelivery everyBatch = new LiveDelivery(log, sessions, auth, feed, Runnable::run);
        InMemoryLiveListener anas = new InMemoryLiveListener();
        everyBatch.open(anaToken, WEEK_1, anas);
        Caller ben = caller(benToken);
        long first = send(benToken, message("c1", "checked"));

        authStore.readsDown(true);
        chat.sync(ben, WEEK_1, 0, List.of(message("c2", "unsure who may see it")));

        assertThat(idsWoken(anas)).containsExactly(first);
        assertThat(idsWoken(anaHears)).hasSize(2);
    }

    /** A check that ran while the feed announced a change does not keep its answer: the next batch checks again. */
    @Test
    void aCheckThatRanAcrossAnAnnouncedChangeIsNotKept() {
        Queued q = anaCheckedOnceWithQueuedTasks();
        q.live().recheckAll(); // drops every answer; the rechecks it queues are left waiting
        q.tasks().clear();

        // ana logs out while the next batch's check of her is under way, after it read her login session
        authStore.afterFind(anaToken.digest(), () -> auth.logout(anaToken));
        long second = send(benToken, message("c2", "checked as the logout lands"));
        q.runNewest();
        long third = send(benToken, message("c3", "after the logout"));
        q.runNewest();

        assertThat(idsWoken(q.ana())).containsExactly(q.first(), second).doesNotContain(third);
        assertThat(q.ana().closedWith()).contains(CloseReason.LOGGED_OUT);
    }

    /** The last check's answer ends when the login session would expire, not at the next recheck. */
    @Test
    void anExpiredLoginGetsNoFurtherBatchBeforeTheRecheck() {
        world.clock.advance(world.settings.sessionIdleTimeout().minusMinutes(1));
        long before = send(benToken, message("c1", "before ana's login expires"));
        world.clock.advance(Duration.ofMinutes(2));
        long after = send(benToken, message("c2", "after"));

        assertThat(idsWoken(anaHears)).contains(before).doesNotContain(after);
        assertThat(anaHears.closedWith()).contains(CloseReason.LOGGED_OUT);
    }

    /** News from the feed drops the last check's answer at once, before the recheck it queues has run. */
    @Test
    void aChangeCountsForTheNextBatchEvenBeforeItsQueuedRecheckRuns() {
        Queued q = anaCheckedOnceWithQueuedTasks();
        assertThat(idsWoken(q.ana())).containsExactly(q.first());

        auth.logout(anaToken);
        send(benToken, message("c2", "after ana logged out"));
        assertThat(q.tasks()).hasSize(2);
        q.runNewest(); // the read of what is new, before the recheck queued by the logout

        assertThat(idsWoken(q.ana())).containsExactly(q.first());
        assertThat(q.ana().closedWith()).contains(CloseReason.LOGGED_OUT);
        q.runNewest();
        assertThat(q.live().openCount()).isZero();
    }

    @Test
    void revokeClosesWithNotAllowedAndLeavingTheChatToo() {
        therapist.revoke(caller(leeToken), WEEK_1, BEN);
        therapy.leave(caller(carolToken), WEEK_1);

        assertThat(benHears.closedWith()).contains(CloseReason.NOT_ALLOWED);
        assertThat(carolHears.closedWith()).contains(CloseReason.NOT_ALLOWED);
        assertThat(anaHears.closedWith()).isEmpty();
        long id = send(anaToken, message("c1", "still here"));
        assertThat(idsWoken(benHears)).doesNotContain(id);
    }

    @Test
    void anEndedSessionKeepsItsListenersAndItsClosingNoticeWakesThem() {
        therapist.end(caller(leeToken), WEEK_1);

        assertThat(anaHears.closedWith()).isEmpty();
        assertThat(last(anaHears).action()).isInstanceOf(Action.UpdateChatDetails.class);
        assertThat(anaHears.wakes().stream().flatMap(w -> w.data().stream()).map(StoredAction::action))
                .anySatisfy(a -> assertThat(a).isInstanceOf(Action.Notice.class));
    }

    @Test
    void refusesNoLoginNonMembersOutsidersOfTheChatAndASixthConnection() {
        assertThatThrownBy(() -> live.authorize(SecretToken.generate(world.randomness), WEEK_1))
                .isInstanceOf(Unauthenticated.class);
        world.clock.advance(Duration.ofMinutes(2));
        SecretToken outside = world.logIn(ana());
        assertThatThrownBy(() -> live.authorize(outside, WEEK_1)).isInstanceOf(NotAllowed.class);
        for (int i = 1; i < LiveDelivery.MAX_PER_USER; i++) {
            listen(anaToken);
        }
        assertThatThrownBy(() -> live.open(anaToken, WEEK_1, new InMemoryLiveListener()))
                .isInstanceOf(NotAllowed.class).hasMessageContaining("too many");
    }

    /** Reads of the log that fail (the database went away) while {@code failures} is above zero. */
    private static final class FlakyReads implements ActionLog {
        private final ActionLog log;
        int failures;
        int reads;

        FlakyReads(ActionLog log) {
            this.log = log;
        }

        @Override
        public Appended append(org.therapychat.core.common.TherapySessionId session, org.therapychat.core.chat.NewAction action) {
            return log.append(session, action);
        }

        @Override
        public java.util.Optional<org.therapychat.core.common.ActionId> close(org.therapychat.core.common.TherapySessionId session,
                                                                           org.therapychat.core.chat.NewAction closingNotice) {
            return log.close(session, closingNotice);
        }

        @Override
        public java.util.Optional<StoredAction> find(org.therapychat.core.common.TherapySessionId session,
                                                     org.therapychat.core.common.ActionId id) {
            return log.find(session, id);
        }

        @Override
        public java.util.Optional<org.therapychat.core.common.ActionId> findByClientId(
                org.therapychat.core.common.TherapySessionId session, org.therapychat.core.common.UserId author, String clientId) {
            return log.findByClientId(session, author, clientId);
        }

        @Override
        public List<StoredAction> readAfter(org.therapychat.core.common.TherapySessionId session, long afterId, int limit) {
            reads++;
            if (failures > 0) {
                failures--;
                throw new org.therapychat.core.common.DomainException.PortFailure("database away", null);
            }
            return log.readAfter(session, afterId, limit);
        }
    }

    /** Issue 21 B.12: a read that fails after an announced append is retried soon, not left to the next poll. */
    @Test
    void aFailedReadAfterAnAnnouncedAppendIsRetriedWithABackoff() {
        FlakyReads flaky = new FlakyReads(log);
        java.util.List<Duration> delays = new java.util.ArrayList<>();
        java.util.Deque<Runnable> retries = new java.util.ArrayDeque<>();
        LiveDelivery retrying = new LiveDelivery(flaky, sessions, auth, feed, Runnable::run, (delay, task) -> {
            delays.add(delay);
            retries.add(task);
        }, LiveDelivery.Checks.UNTIL_ANNOUNCED);
        InMemoryLiveListener bens = new InMemoryLiveListener();
        retrying.open(benToken, WEEK_1, bens);

        flaky.failures = 2;
        long id = send(anaToken, message("c1", "while the database blinks"));
        assertThat(idsWoken(bens)).isEmpty();
        while (!retries.isEmpty()) {
            retries.poll().run();
        }

        assertThat(idsWoken(bens)).containsExactly(id);
        assertThat(flaky.reads).isEqualTo(3);
        assertThat(delays).hasSize(2);
        assertThat(delays.get(0)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(delays.get(1)).isGreaterThan(delays.get(0));
    }

    /** A database that stays away is left to the polls after a few retries, and a later append starts afresh. */
    @Test
    void aReadThatKeepsFailingStopsRetryingAndTheNextAppendReadsEverything() {
        FlakyReads flaky = new FlakyReads(log);
        java.util.List<Duration> delays = new java.util.ArrayList<>();
        java.util.Deque<Runnable> retries = new java.util.ArrayDeque<>();
        LiveDelivery retrying = new LiveDelivery(flaky, sessions, auth, feed, Runnable::run, (delay, task) -> {
            delays.add(delay);
            retries.add(task);
        }, LiveDelivery.Checks.UNTIL_ANNOUNCED);
        InMemoryLiveListener bens = new InMemoryLiveListener();
        retrying.open(benToken, WEEK_1, bens);

        flaky.failures = 1_000;
        long first = send(anaToken, message("c1", "one"));
        while (!retries.isEmpty()) {
            retries.poll().run();
        }
        Duration waited = delays.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(delays).hasSizeBetween(3, 8);
        assertThat(waited).as("retries stop within the first poll interval").isLessThan(Duration.ofSeconds(25));

        flaky.failures = 0;
        long second = send(anaToken, message("c2", "two"));
        assertThat(idsWoken(bens)).containsExactly(first, second);
    }

    @Test
    void aClosedConnectionHearsNothingMore() {
        InMemoryLiveListener extra = new InMemoryLiveListener();
        LiveDelivery.Registration registration = live.open(benToken, WEEK_1, extra);
        registration.close();
        send(anaToken, message("c1", "hello"));

        assertThat(extra.wakes()).isEmpty();
        assertThat(benHears.wakes()).isNotEmpty();
    }
}
