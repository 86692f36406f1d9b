package org.therapychat.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.THERAPIST;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.ana;
import static org.therapychat.core.fixtures.Samples.ben;
import static org.therapychat.core.fixtures.Samples.carol;
import static org.therapychat.core.fixtures.Samples.therapist;
import static org.therapychat.core.fixtures.World.message;
import static org.therapychat.core.fixtures.World.privateMessage;
import static org.therapychat.core.fixtures.World.reply;
import static org.therapychat.core.fixtures.World.targeted;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.ActionOutcome.Rejected;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.Settings;
import org.therapychat.core.fixtures.FailingActionLog;
import org.therapychat.core.memory.InMemoryActionLog;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.fixtures.World;
import org.therapychat.core.therapy.SessionStatus;

class ChatServiceTest {
    private final World world = new World().withWeek1();
    private final Caller ana = world.inChat(ana(), WEEK_1);
    private final Caller ben = world.inChat(ben(), WEEK_1);
    private final Caller carol = world.inChat(carol(), WEEK_1);
    private final Caller lee = world.inChat(therapist(), WEEK_1);

    private long send(Caller who, QueuedAction action) {
        SyncResult result = world.chat.sync(who, WEEK_1, 0, List.of(action));
        assertThat(result.rejected()).isEmpty();
        return result.accepted().get(0).id().value();
    }

    private Rejected rejected(Caller who, QueuedAction action) {
        SyncResult result = world.chat.sync(who, WEEK_1, 0, List.of(action));
        assertThat(result.accepted()).isEmpty();
        return result.rejected().get(0);
    }

    private List<StoredAction> seenBy(Caller who) {
        return world.chat.read(who, WEEK_1, 0).actions();
    }

    private Optional<StoredAction> seenBy(Caller who, long id) {
        return seenBy(who).stream().filter(a -> a.id().value() == id).findFirst();
    }

    @Test
    void aPublicMessageReachesEveryMemberWithServerSetFields() {
        long id = send(ana, message("c1", "<div>food</div>"));
        StoredAction seen = seenBy(ben, id).orElseThrow();
        assertThat(seen.author()).contains(ANA);
        assertThat(seen.timestamp()).isEqualTo(world.now());
        assertThat(seen.clientTs()).contains("2026-11-24T17:00:00.000Z");
        assertThat(((Action.Message) seen.action()).body()).isEqualTo("<div>food</div>");
    }

    @Test
    void theUserIsAlwaysTheOneOfTheSession() {
        long id = send(ben, message("c1", "I am Ben"));
        assertThat(world.log.find(WEEK_1, ActionId.of(id)).orElseThrow().author()).contains(ben.id());
    }

    @Test
    void aPrivateMessageIsHiddenFromOtherParticipants() {
        long id = send(ana, privateMessage("p1", "just for Ben", "P456"));
        assertThat(seenBy(ana, id)).isPresent();
        assertThat(seenBy(ben, id)).isPresent();
        assertThat(seenBy(lee, id)).isPresent();
        assertThat(seenBy(carol, id)).isEmpty();
    }

    @Test
    void actionsOnAPrivateMessageAreAsPrivateAsIt() {
        long secret = send(ana, privateMessage("p1", "just for Ben", "P456"));
        long heart = send(ben, targeted("r1", "reaction", secret, "heart"));
        long read = send(ben, targeted("m1", "message_read", secret, null));
        assertThat(seenBy(carol)).extracting(a -> a.id().value()).doesNotContain(secret, heart, read);
        assertThat(seenBy(ana)).extracting(a -> a.id().value()).contains(secret, heart, read);
        assertThat(rejected(carol, targeted("r2", "reaction", secret, "heart")).field()).isEqualTo("target");
    }

    @Test
    void aReplyTargetsAVisibleMessage() {
        long original = send(ana, message("c1", "hello"));
        long answer = send(ben, reply("c2", "hi Ana", original));
        assertThat(((Action.Message) seenBy(ana, answer).orElseThrow().action()).target()).contains(ActionId.of(original));
        assertThat(rejected(ben, reply("c3", "to nowhere", 999_999)).field()).isEqualTo("target");
    }

    @Test
    void aReplyToAPrivateMessageHasThatMessagesAudience() {
        long secret = send(ana, privateMessage("p1", "just for Ben", "P456"));
        long answer = send(ben, reply("p2", "thanks Ana", secret));
        long leesAnswer = send(lee, reply("p3", "noted", secret));
        for (long id : List.of(answer, leesAnswer)) {
            assertThat(seenBy(carol, id)).isEmpty();
            assertThat(seenBy(ana, id)).isPresent();
            assertThat(seenBy(ben, id)).isPresent();
        }
        assertThat(((Action.Message) seenBy(ana, answer).orElseThrow().action()).recipients()).containsExactly(ANA);
        assertThat(((Action.Message) seenBy(ana, leesAnswer).orElseThrow().action()).recipients())
                .containsExactlyInAnyOrder(ANA, org.therapychat.core.fixtures.Samples.BEN);
        assertThat(world.log.find(WEEK_1, ActionId.of(answer)).orElseThrow().audience())
                .isEqualTo(world.log.find(WEEK_1, ActionId.of(secret)).orElseThrow().audience());
    }

    @Test
    void aReplyNamingAnotherAudienceThanItsPrivateTargetIsRejected() {
        long secret = send(ana, privateMessage("p1", "just for Ben", "P456"));
        QueuedAction.Request toCarol = new QueuedAction.Request("p2", null, "message", List.of("P789"), "psst Carol",
                Long.toString(secret), null, null, null);
        QueuedAction.Request toEveryone = new QueuedAction.Request("p3", null, "message", List.of("P123", "P789"),
                "all of you", Long.toString(secret), null, null, null);
        assertThat(rejected(ben, toCarol).field()).isEqualTo("recipients");
        assertThat(rejected(ben, toEveryone).field()).isEqualTo("recipients");
        QueuedAction.Request sameAudience = new QueuedAction.Request("p4", null, "message", List.of("P123", "P456"),
                "same people", Long.toString(secret), null, null, null);
        assertThat(seenBy(carol, send(ben, sameAudience))).isEmpty();
    }

    private List<org.therapychat.core.common.UserId> mentionsSeenBy(Caller who, long id) {
        return ((Action.Message) seenBy(who, id).orElseThrow().action()).mentions();
    }

    @Test
    void theServerRecordsWhoAMessageMentions() {
        long id = send(ana, message("c1", "@ben and @DR. LEE, see @carolyn? @Ana"));
        assertThat(mentionsSeenBy(carol, id)).containsExactly(org.therapychat.core.fixtures.Samples.BEN, THERAPIST, ANA);
        assertThat(((Action.Message) world.log.find(WEEK_1, ActionId.of(id)).orElseThrow().action()).mentions())
                .containsExactly(org.therapychat.core.fixtures.Samples.BEN, THERAPIST, ANA);
    }

    @Test
    void aPrivateMessageRecordsOnlyMentionsOfThoseWhoCanSeeIt() {
        long id = send(ana, privateMessage("p1", "@Ben, don't tell @Carol; @Dr. Lee knows", "P456"));
        assertThat(mentionsSeenBy(ben, id)).containsExactly(org.therapychat.core.fixtures.Samples.BEN, THERAPIST);
        assertThat(seenBy(carol, id)).isEmpty();
    }

    @Test
    void aDeletedMessageNoLongerShowsWhomItMentioned() {
        long id = send(ana, message("c1", "@Ben oops"));
        send(ana, targeted("d1", "delete", id, null));
        assertThat(mentionsSeenBy(ben, id)).isEmpty();
    }

    @Test
    void aParticipantDeletesOnlyTheirOwnMessages() {
        long mine = send(ana, message("c1", "oops"));
        assertThat(rejected(ben, targeted("d1", "delete", mine, null)).field()).isEqualTo("target");
        send(ana, targeted("d2", "delete", mine, null));
        assertThat(seenBy(ben, mine).orElseThrow().deleted()).isTrue();
    }

    @Test
    void aTherapistMayDeleteAnyMessage() {
        long hers = send(ana, message("c1", "something unkind"));
        send(lee, targeted("d1", "delete", hers, null));
        assertThat(seenBy(carol, hers).orElseThrow().deleted()).isTrue();
    }

    @Test
    void aDeletedBodyIsGoneFromEveryLaterReadButKeptForTheExport() {
        long id = send(ana, message("c1", "regret"));
        send(ana, targeted("d1", "delete", id, null));
        for (Caller who : List.of(ana, ben, lee)) {
            assertThat(((Action.Message) seenBy(who, id).orElseThrow().action()).body()).isEmpty();
        }
        StoredAction exported = world.admin.export(WEEK_1).stream().filter(a -> a.id().value() == id).findFirst().orElseThrow();
        assertThat(((Action.Message) exported.action()).body()).isEqualTo("regret");
        assertThat(rejected(ben, targeted("r1", "reaction", id, "heart")).message()).contains("deleted");
    }

    @Test
    void theSameReactionTwiceIsOneReaction() {
        long id = send(ana, message("c1", "hello"));
        long first = send(ben, targeted("r1", "reaction", id, "heart"));
        long second = send(ben, targeted("r2", "reaction", id, "heart"));
        long smile = send(ben, targeted("r3", "reaction", id, "smile"));
        assertThat(second).isEqualTo(first);
        assertThat(smile).isNotEqualTo(first);
        assertThat(rejected(ben, targeted("r4", "reaction", id, "thumbs")).field()).isEqualTo("icon");
    }

    @Test
    void aResentActionIsStoredOnceAndAnswersTheSameId() {
        long first = send(ana, message("same-uuid", "hello"));
        long again = send(ana, message("same-uuid", "hello"));
        assertThat(again).isEqualTo(first);
        assertThat(seenBy(ben)).filteredOn(a -> a.action() instanceof Action.Message).hasSize(1);
    }

    /** The log recognises a resend; one that would now be refused is still answered with its first id. */
    @Test
    void aResendThatWouldNowBeRefusedAnswersItsFirstId() {
        long first = send(ana, message("sent-once", "hello"));
        assertThat(send(ana, message("sent-once", "x".repeat(5_000)))).isEqualTo(first);
        world.sessions.setStatus(WEEK_1, SessionStatus.ENDED);
        assertThat(send(ana, message("sent-once", "hello"))).isEqualTo(first);
        assertThat(rejected(ana, message("never-sent", "hello")).error()).isEqualTo("session_ended");
        assertThat(seenBy(ben)).filteredOn(a -> a.action() instanceof Action.Message).hasSize(1);
    }

    /** A resend needed only a lookup before the log recognised resends itself; a failing write must not change that. */
    @Test
    void aResendIsAnsweredWithItsFirstIdWhileTheLogCannotWrite() {
        FailingActionLog failing = new FailingActionLog(new InMemoryActionLog());
        World flaky = new World(Settings.defaults(), failing).withWeek1();
        Caller who = flaky.inChat(ana(), WEEK_1);
        long first = flaky.chat.sync(who, WEEK_1, 0, List.of(message("c1", "hello"))).accepted().get(0).id().value();
        failing.failNextAppend();
        assertThat(flaky.chat.sync(who, WEEK_1, 0, List.of(message("c1", "hello"))).accepted().get(0).id().value())
                .isEqualTo(first);
        failing.failNextAppend();
        assertThatThrownBy(() -> flaky.chat.sync(who, WEEK_1, 0, List.of(message("c2", "new"))))
                .isInstanceOf(PortFailure.class);
    }

    @Test
    void serverOnlyTypesFromAClientAreRejected() {
        for (String type : List.of("notice", "update_assessments", "update_chat_details")) {
            QueuedAction forged = new QueuedAction.Request("f-" + type, null, type, null, "I am the system", null, null,
                    null, null);
            assertThat(rejected(ana, forged).error()).isEqualTo("type_not_allowed");
        }
        assertThat(rejected(ana, new QueuedAction.Request("x", null, "shout", null, "hi", null, null, null, null)).field())
                .isEqualTo("type");
    }

    @Test
    void researchFieldsAreNeverReturnedInTheChat() {
        long id = send(ana, message("c1", "typed slowly"));
        for (Caller who : List.of(ana, ben, lee)) {
            Action.Message m = (Action.Message) seenBy(who, id).orElseThrow().action();
            assertThat(m.characterHistory()).isEmpty();
            assertThat(m.timeToComplete()).isEmpty();
        }
        Action.Message exported = (Action.Message) world.log.find(WEEK_1, ActionId.of(id)).orElseThrow().action();
        assertThat(exported.characterHistory()).containsExactly("h", "i");
        assertThat(exported.timeToComplete()).contains("671ms");
    }

    @Test
    void theValidActionsOfAQueueAreStoredWhenOthersAreRejected() {
        SyncResult result = world.chat.sync(ana, WEEK_1, 0, List.of(message("ok-1", "fine"), message("bad", "   "),
                message("ok-2", "also fine"), new QueuedAction.Unreadable("odd", "target", "target must be a number"),
                message("long", "x".repeat(4001))));
        assertThat(result.accepted()).extracting(ActionOutcome::clientId).containsExactly("ok-1", "ok-2");
        assertThat(result.rejected()).extracting(Rejected::clientId, Rejected::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bad", "body"),
                        org.assertj.core.groups.Tuple.tuple("odd", "target"),
                        org.assertj.core.groups.Tuple.tuple("long", "body"));
        assertThat(result.read().actions()).filteredOn(a -> a.action() instanceof Action.Message).hasSize(2);
    }

    @Test
    void aBodyOfExactlyFourThousandCharactersIsAccepted() {
        send(ana, message("c1", "🙂".repeat(4000)));
    }

    @Test
    void aQueueOfMoreThanAHundredActionsIsRefusedWhole() {
        List<QueuedAction> queue = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            queue.add(message("c" + i, "m"));
        }
        assertThat(catchThrowableOfType(ValidationFailed.class, () -> world.chat.sync(ana, WEEK_1, 0, queue)).field())
                .isEqualTo("actionQueue");
        assertThat(world.log.findByClientId(WEEK_1, ANA, "c0")).isEmpty();
    }

    @Test
    void aMalformedClientIdIsRejected() {
        assertThat(rejected(ana, message("has space", "hi")).field()).isEqualTo("clientId");
    }

    @Test
    void anActionWithoutClientIdIsStoredEachTimeItIsSent() {
        long first = send(ana, message(null, "no key"));
        long second = send(ana, message(null, "no key"));
        assertThat(second).isNotEqualTo(first);
        assertThat(world.log.find(WEEK_1, ActionId.of(first)).orElseThrow().clientId()).isEmpty();
    }

    @Test
    void everyOutcomeCarriesItsPositionInTheQueue() {
        SyncResult result = world.chat.sync(ana, WEEK_1, 0, List.of(message(null, "first"), message("bad", " "),
                message("c3", "third"), reply(null, "to nowhere", 999_999)));
        assertThat(result.accepted()).extracting(ActionOutcome::index, ActionOutcome::clientId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, null), org.assertj.core.groups.Tuple.tuple(2, "c3"));
        assertThat(result.rejected()).extracting(Rejected::index, Rejected::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "body"), org.assertj.core.groups.Tuple.tuple(3, "target"));
    }

    @Test
    void textThatNoDatabaseCouldKeepIsRejected() {
        assertThat(rejected(ana, message("c1", "nul\u0000byte")).field()).isEqualTo("body");
        assertThat(rejected(ana, message("c2", "lone \uD800 surrogate")).field()).isEqualTo("body");
    }

    @Test
    void privateRecipientsMustBeMembers() {
        assertThat(rejected(ana, privateMessage("p1", "hi", "P999")).field()).isEqualTo("recipients");
        assertThat(rejected(ana, privateMessage("p2", "hi", "P123")).field()).isEqualTo("recipients");
    }

    @Test
    void anEndedSessionTakesNoFurtherActionsButCanStillBeRead() {
        world.sessions.setStatus(WEEK_1, SessionStatus.ENDED);
        assertThat(rejected(ana, message("late", "anyone?")).error()).isEqualTo("session_ended");
        assertThat(seenBy(ana)).isNotEmpty();
    }

    /** The status a request read may be stale; the log's own closed flag is what counts. */
    @Test
    void aClosedChatRefusesActionsEvenWhenTheStatusReadBeforeSaysOpen() {
        long before = send(ana, message("c1", "just in time"));
        world.log.close(WEEK_1, NewAction.fromServer(java.util.Set.of(), world.now(), new Action.Notice("ended", "system")));
        assertThat(world.session(WEEK_1).status()).isNotEqualTo(SessionStatus.ENDED);
        assertThat(rejected(ana, message("late", "anyone?")).error()).isEqualTo("session_ended");
        assertThat(send(ana, message("c1", "just in time"))).isEqualTo(before);
    }

    @Test
    void pollsAfterTheEndReadTheTranscriptButAppendNoPresenceNotice() {
        world.therapist.end(lee, WEEK_1);
        long closing = seenBy(ana).get(seenBy(ana).size() - 1).id().value();
        world.clock.advance(java.time.Duration.ofMinutes(5));
        SyncResult late = world.chat.sync(ben, WEEK_1, 0, List.of());
        assertThat(late.read().actions()).isNotEmpty();
        world.chat.read(ana, WEEK_1, 0);
        world.therapy.leave(carol, WEEK_1);
        assertThat(world.log.readAfter(WEEK_1, closing, 100)).extracting(StoredAction::action)
                .noneMatch(Action.Notice.class::isInstance);
    }

    @Test
    void endingASessionClosesItsChatWithOneNotice() {
        world.therapist.end(lee, WEEK_1);
        world.therapist.end(lee, WEEK_1);
        assertThat(seenBy(ana)).filteredOn(a -> a.action() instanceof Action.Notice n && n.body().contains("ended"))
                .hasSize(1);
        assertThat(rejected(ana, message("late", "anyone?")).error()).isEqualTo("session_ended");
    }

    @Test
    void onlyAMemberWhoEnteredMayUseTheChat() {
        Caller anaElsewhere = world.caller(world.auth.create(ANA, Optional.empty()));
        NotAllowed refused = catchThrowableOfType(NotAllowed.class, () -> world.chat.read(anaElsewhere, WEEK_1, 0));
        assertThat(refused.code()).isEqualTo("not_entered");
    }

    @Test
    void maxIdAdvancesPastActionsTheUserCannotSee() {
        long secret = send(ana, privateMessage("p1", "for Ben", "P456"));
        ChatRead read = world.chat.read(carol, WEEK_1, secret - 1);
        assertThat(read.actions()).isEmpty();
        assertThat(read.maxId()).isEqualTo(secret);
        assertThat(world.chat.read(carol, WEEK_1, secret).maxId()).isEqualTo(secret);
    }

    @Test
    void aPollerThatPassesBackItsMaxIdSeesEachActionOnce() {
        long maxId = 0;
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            send(ana, message("c" + i, "m" + i));
            SyncResult poll = world.chat.sync(ben, WEEK_1, maxId, List.of());
            poll.read().actions().forEach(a -> seen.add(a.id().value()));
            maxId = poll.read().maxId();
        }
        assertThat(seen).isSorted().doesNotHaveDuplicates();
        assertThat(seen).containsAll(world.log.readAfter(WEEK_1, 0, 500).stream().map(a -> a.id().value()).toList());
    }

    @Test
    void aNegativeMaxIdIsRefused() {
        assertThat(catchThrowableOfType(ValidationFailed.class, () -> world.chat.sync(ana, WEEK_1, -1, List.of())).field())
                .isEqualTo("maxID");
    }

    @Test
    void therapistsSeeEveryPrivateMessage() {
        long id = send(ben, privateMessage("p1", "to Carol", "P789"));
        assertThat(seenBy(lee, id)).isPresent();
        assertThatThrownBy(() -> seenBy(ana, id).orElseThrow()).isInstanceOf(java.util.NoSuchElementException.class);
    }
}
