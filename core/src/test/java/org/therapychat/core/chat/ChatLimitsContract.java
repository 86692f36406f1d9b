package org.therapychat.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.THERAPIST;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.ActionOutcome.Rejected;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.Settings;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.fixtures.Samples;
import org.therapychat.core.fixtures.World;
import org.therapychat.core.login.Role;

/**
 * Validation and storage agree: every field of every client action at its exact limit is accepted
 * and stored as sent by the log under test, and one over is rejected naming the field (never a
 * storage failure that would wedge a resending client).
 */
public abstract class ChatLimitsContract {
    /** A 4-byte character (two UTF-16 units, four UTF-8 bytes). */
    private static final String WIDE = "🙂";
    /** A character JSON must escape as six: \u0001. */
    private static final String ESCAPED = "\u0001";
    private static final TherapySessionId BIG = TherapySessionId.of("big");
    private static final int OTHERS = 100;

    private World world;
    private Caller ana;
    private final List<UserId> others = new ArrayList<>();

    protected abstract ActionLog emptyActionLog();

    @BeforeEach
    void bigSession() {
        world = new World(Settings.defaults(), emptyActionLog()).withWeek1();
        List<UserId> members = new ArrayList<>(List.of(ANA, THERAPIST));
        for (int i = 1; i <= OTHERS; i++) {
            UserId id = UserId.of(String.format("P%063d", i));
            others.add(id);
            world.users.put(Samples.user(id, Role.PARTICIPANT, "Member " + i, String.format("+1650555%04d", i), "X"));
            members.add(id);
        }
        world.sessions.define(Samples.definition(BIG, world.now(), members.toArray(UserId[]::new)));
        org.therapychat.core.common.SecretToken token = world.auth.create(ANA, Optional.empty());
        world.therapy.enter(world.caller(token), BIG);
        ana = world.caller(token);
    }

    private static String times(String s, int n) {
        return String.join("", Collections.nCopies(n, s));
    }

    private static QueuedAction.Request message(String clientId, String clientTs, List<String> recipients, String body,
                                                List<String> history, String timeToComplete) {
        return new QueuedAction.Request(clientId, clientTs, "message", recipients, body, null, null, history,
                timeToComplete);
    }

    private StoredAction stored(QueuedAction action) {
        SyncResult result = world.chat.sync(ana, BIG, 0, List.of(action));
        assertThat(result.rejected()).isEmpty();
        return world.log.find(BIG, result.accepted().get(0).id()).orElseThrow();
    }

    private String rejectedField(QueuedAction action) {
        SyncResult result = world.chat.sync(ana, BIG, 0, List.of(action));
        assertThat(result.accepted()).isEmpty();
        Rejected rejected = result.rejected().get(0);
        assertThat(rejected.error()).isEqualTo("invalid_field");
        return rejected.field();
    }

    @Test
    void aMessageWithEveryFieldAtItsLimitIsStoredAsSent() {
        StringBuilder body = new StringBuilder();
        for (int i = OTHERS; i >= 1; i--) {
            body.append("@Member ").append(i).append(' ');
        }
        String fullBody = body + times(WIDE, 4000 - body.codePointCount(0, body.length()));
        List<String> recipients = others.stream().map(UserId::value).toList();
        String clientId = times("c", 100);
        String wideTs = times(WIDE, 64);
        StoredAction s = stored(message(clientId, wideTs, recipients, fullBody, List.of(times(WIDE, 64)), wideTs));
        Action.Message m = (Action.Message) s.action();
        assertThat(m.body()).isEqualTo(fullBody);
        assertThat(m.recipients()).containsExactlyInAnyOrderElementsOf(others);
        assertThat(m.mentions()).hasSize(OTHERS);
        assertThat(s.audience()).hasSize(OTHERS + 1);
        assertThat(s.clientId()).contains(clientId);
        assertThat(s.clientTs()).contains(wideTs);
        assertThat(m.timeToComplete()).contains(wideTs);
    }

    @Test
    void aCharacterHistoryAtItsLimitsIsStoredAsSent() {
        int entries = ActionValidator.MAX_HISTORY;
        int perEntry = ActionValidator.MAX_HISTORY_CODE_POINTS / entries;
        List<String> escapes = Collections.nCopies(entries, times(ESCAPED, perEntry));
        assertThat(((Action.Message) stored(message("h1", null, null, "x", escapes, null)).action()).characterHistory())
                .isEqualTo(escapes);
        List<String> wide = new ArrayList<>(Collections.nCopies(ActionValidator.MAX_HISTORY_CODE_POINTS / 64,
                times(WIDE, 64)));
        wide.add(times("\"", ActionValidator.MAX_HISTORY_CODE_POINTS % 64));
        assertThat(((Action.Message) stored(message("h2", null, null, "x", wide, null)).action()).characterHistory())
                .isEqualTo(wide);
    }

    @Test
    void oneOverAnyLimitIsRejectedNamingTheField() {
        List<String> tooMany = new ArrayList<>(others.stream().map(UserId::value).toList());
        tooMany.add(THERAPIST.value());
        assertThat(rejectedField(message("r1", null, tooMany, "x", null, null))).isEqualTo("recipients");
        assertThat(rejectedField(message("r2", null, null, times(WIDE, 4001), null, null))).isEqualTo("body");
        assertThat(rejectedField(message(times("c", 101), null, null, "x", null, null))).isEqualTo("clientId");
        assertThat(rejectedField(message("r3", times(WIDE, 65), null, "x", null, null))).isEqualTo("client_ts");
        assertThat(rejectedField(message("r4", null, null, "x", null, times(WIDE, 65)))).isEqualTo("time_to_complete");
        assertThat(rejectedField(message("r5", null, null, "x", List.of(times(WIDE, 65)), null)))
                .isEqualTo("character_history");
        assertThat(rejectedField(message("r6", null, null, "x",
                Collections.nCopies(ActionValidator.MAX_HISTORY + 1, "a"), null))).isEqualTo("character_history");
        List<String> overTotal = new ArrayList<>(Collections.nCopies(ActionValidator.MAX_HISTORY_CODE_POINTS / 64,
                times(ESCAPED, 64)));
        overTotal.add(times(ESCAPED, ActionValidator.MAX_HISTORY_CODE_POINTS % 64 + 1));
        assertThat(rejectedField(message("r7", null, null, "x", overTotal, null))).isEqualTo("character_history");
        assertThat(world.log.readAfter(BIG, 0, 100)).noneMatch(a -> a.author().isPresent());
    }

    @Test
    void reactionsReadsAndDeletesAtTheirLimitsAreStored() {
        ActionId target = stored(message("t", null, null, "react to me", null, null)).id();
        String wideTs = times(WIDE, 64);
        String id = Long.toString(target.value());
        for (String icon : List.of("heart", "smile", "sad", "angry")) {
            StoredAction s = stored(new QueuedAction.Request(times("r", 97) + icon.substring(0, 3), wideTs, "reaction", null,
                    null, id, icon, null, null));
            assertThat(s.action()).isEqualTo(new Action.Reaction(ReactionIcon.fromWire(icon), target));
            assertThat(s.clientTs()).contains(wideTs);
        }
        assertThat(stored(new QueuedAction.Request(times("m", 100), wideTs, "message_read", null, null, " " + id + " ",
                null, null, null)).action()).isEqualTo(new Action.MessageRead(target));
        assertThat(stored(new QueuedAction.Request(times("d", 100), wideTs, "delete", null, null, id, null, null, null))
                .action()).isEqualTo(new Action.Delete(target));
        assertThat(rejectedField(new QueuedAction.Request("over", times(WIDE, 65), "message_read", null, null, id,
                null, null, null))).isEqualTo("client_ts");
        assertThat(rejectedField(new QueuedAction.Request("big-id", null, "message_read", null, null,
                "99999999999999999999", null, null, null))).isEqualTo("target");
    }
}
