package org.therapychat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.therapychat.core.fixtures.Samples.WEEK_1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.fixtures.Samples;
import org.therapychat.core.fixtures.World;
import org.therapychat.core.live.Wake;

/**
 * Issue 21 B.8: a catch-up wake (after a LISTEN outage, 500 missed actions of escaped text) made a
 * frame over the 1 MiB a socket may hold unsent, so every listener of the room was dropped. A frame
 * stays under its budget, or goes out without data (the client then syncs).
 */
class WakeFramesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final World world = new World().withWeek1();
    private final Web web = new Web(JSON, world.auth, new WebSettings("127.0.0.1", 0, true, Optional.empty(), false,
            Duration.ofSeconds(5), Duration.ofSeconds(25), 16, 1 << 20, WebSettings.ConnectionLimits.defaults(false)));
    private final WakeFrames frames = new WakeFrames(web);

    private Wake messages(int count, String body) {
        Caller ana = world.inChat(Samples.ana(), WEEK_1);
        for (int i = 0; i < count; i++) {
            world.chat.sync(ana, WEEK_1, 0, List.of(World.message("m" + i, body)));
        }
        List<StoredAction> all = new ArrayList<>(world.log.readAfter(WEEK_1, 0, 10_000));
        all.removeIf(a -> !(a.action() instanceof org.therapychat.core.chat.Action.Message));
        long after = all.get(0).id().value() - 1;
        return new Wake(after, all.get(all.size() - 1).id().value(), all.stream().map(StoredAction::forChat).toList());
    }

    @Test
    void aCatchUpTooLargeForOneFrameGoesOutWithoutData() throws Exception {
        // control characters: each one is six characters once escaped in JSON
        String escaped = "\u0001\"<>".repeat(world.settings.maxBodyLength() / 4);
        Wake wake = messages(500, escaped);

        frames.text(wake); // warm up
        long started = System.nanoTime();
        String text = frames.text(wake);
        long micros = (System.nanoTime() - started) / 1000;
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("catch-up of 500 escaped messages: frame of %d bytes, built in %d us%n", bytes, micros);

        assertThat(bytes).isLessThanOrEqualTo(WakeFrames.MAX_FRAME_BYTES);
        JsonNode frame = JSON.readTree(text);
        assertThat(frame.get("type").asText()).isEqualTo("wake");
        assertThat(frame.get("maxID").asLong()).isEqualTo(wake.maxId());
        assertThat(frame.has("data")).as("no partial data: the client syncs").isFalse();
        assertThat(frame.has("after")).isFalse();
    }

    /** Bodies that alone fit, but not once escaped: the frame is written up to the budget and then given up. */
    @Test
    void aCatchUpThatOnlyEscapingPushesOverTheBudgetGoesOutWithoutData() throws Exception {
        Wake wake = messages(120, "\u0001".repeat(world.settings.maxBodyLength() / 2));
        String text = frames.text(wake);
        assertThat(text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(WakeFrames.MAX_FRAME_BYTES);
        assertThat(JSON.readTree(text).has("data")).isFalse();
    }

    @Test
    void anOrdinaryWakeCarriesItsActions() throws Exception {
        Wake wake = messages(3, "hello \"there\" <b>");

        JsonNode frame = JSON.readTree(frames.text(wake));

        assertThat(frame.get("maxID").asLong()).isEqualTo(wake.maxId());
        assertThat(frame.get("after").asLong()).isEqualTo(wake.after());
        assertThat(frame.get("data")).hasSize(3);
        assertThat(frame.get("data").get(0).get("body").asText()).isEqualTo("hello \"there\" <b>");
    }

    @Test
    void theBudgetLeavesRoomUnderWhatASocketMayHoldUnsent() {
        assertThat(WakeFrames.MAX_FRAME_BYTES).isLessThanOrEqualTo((1 << 20) / 4);
    }
}
