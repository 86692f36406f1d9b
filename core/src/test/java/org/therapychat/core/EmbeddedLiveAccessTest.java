package org.therapychat.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.World.message;
import static org.therapychat.core.fixtures.World.privateMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.core.admin.TherapySessionSpec;
import org.therapychat.core.admin.UserSpec;
import org.therapychat.core.chat.QueuedAction;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.live.LiveListener.CloseReason;
import org.therapychat.core.memory.InMemoryLiveListener;

/**
 * An embedder's core wires stores that announce nothing on the feed: a live listener is checked again for
 * every batch, so a revoke or a role change counts for the very next one (issue 24 review).
 */
class EmbeddedLiveAccessTest {
    private final List<String> outbox = new ArrayList<>();
    private final TherapySessionId week1 = TherapySessionId.of("week-1");
    private final TherapyChatCore core = TherapyChatCore.builder().sms((to, text) -> outbox.add(text)).build();

    EmbeddedLiveAccessTest() {
        core.admin().putUser(UserId.of("P1"), new UserSpec("participant", "Ana", "+16505550101", "Smith"));
        core.admin().putUser(UserId.of("P2"), new UserSpec("participant", "Bo", "+16505550102", "Bo"));
        core.admin().putUser(UserId.of("T1"), new UserSpec("therapist", "Tess", "+16505550103", "Tess"));
        core.admin().putTherapySession(week1, new TherapySessionSpec("Week 1", "", Instant.now().toString(),
                List.of("P1", "P2", "T1"), "auto"));
    }

    private SecretToken logIn(String phone, String identifier) {
        var started = core.login().start(phone, identifier, "10.0.0.1");
        String code = outbox.get(outbox.size() - 1).replaceAll("(?s).*code is (\\d{6}).*", "$1");
        SecretToken token = core.login().verify(started.pendingLogin(), code, Optional.empty());
        core.therapy().enter(core.auth().authenticate(token), week1);
        return token;
    }

    private long send(SecretToken who, QueuedAction action) {
        return core.chat().sync(core.auth().authenticateIn(who, week1), week1, 0, List.of(action))
                .accepted().get(0).id().value();
    }

    private static List<Long> ids(InMemoryLiveListener l) {
        return l.wakes().stream().flatMap(w -> w.data().stream()).map(a -> a.id().value()).toList();
    }

    @Test
    void aRevokedParticipantOfAnEmbeddedCoreGetsNoFurtherBatch() {
        SecretToken ana = logIn("+16505550101", "Smith");
        SecretToken bo = logIn("+16505550102", "Bo");
        SecretToken tess = logIn("+16505550103", "Tess");
        InMemoryLiveListener anaHears = new InMemoryLiveListener();
        core.live().open(ana, week1, anaHears);
        long first = send(bo, message("c1", "before"));
        assertThat(ids(anaHears)).contains(first);

        core.therapist().revoke(core.auth().authenticateIn(tess, week1), week1, UserId.of("P1"));
        long second = send(bo, message("c2", "after ana was revoked"));

        assertThat(ids(anaHears)).doesNotContain(second);
        assertThat(anaHears.closedWith()).contains(CloseReason.NOT_ALLOWED);
    }

    @Test
    void aTherapistDemotedToParticipantSeesNoLongerOthersPrivateMessages() {
        SecretToken ana = logIn("+16505550101", "Smith");
        SecretToken tess = logIn("+16505550103", "Tess");
        InMemoryLiveListener tessHears = new InMemoryLiveListener();
        core.live().open(tess, week1, tessHears);
        long first = send(ana, message("c1", "hello"));
        assertThat(ids(tessHears)).contains(first);

        core.admin().putUser(UserId.of("T1"), new UserSpec("participant", "Tess", "+16505550103", "Tess"));
        long secret = send(ana, privateMessage("p1", "for bo only", "P2"));

        assertThat(ids(tessHears)).doesNotContain(secret);
    }
}
