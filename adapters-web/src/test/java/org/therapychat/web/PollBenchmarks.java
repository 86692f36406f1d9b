package org.therapychat.web;

import static org.therapychat.core.fixtures.Samples.WEEK_1;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.QueuedAction;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.chat.SyncResult;
import org.therapychat.core.fixtures.Samples;
import org.therapychat.core.fixtures.World;

/**
 * JMH microbenchmarks of the poll's hot paths, on the in-memory adapters: the core's answer to a
 * poll with nothing new and with 20 new actions, the visibility filter over a page of 100
 * actions (a quarter of them private), and the JSON encoding of an empty and a 20-action answer.
 * Not tests: run {@code bin/bench-micro}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PollBenchmarks {
    private World world;
    private Caller carol;
    private long head;
    private List<StoredAction> pageOf100;
    private SyncResult nothingNew;
    private SyncResult twentyNew;
    private Web web;

    @Setup
    public void setUp() {
        world = new World().withWeek1();
        Caller ana = world.inChat(Samples.ana(), WEEK_1);
        Caller ben = world.inChat(Samples.ben(), WEEK_1);
        carol = world.inChat(Samples.carol(), WEEK_1);
        for (int i = 0; i < 100; i++) {
            QueuedAction.Request action = i % 4 == 0
                    ? World.privateMessage("p" + i, "just for Ben, number " + i, Samples.BEN.value())
                    : World.message("m" + i, "hello everyone, this is message number " + i);
            world.chat.sync(i % 2 == 0 ? ana : ben, WEEK_1, 0, List.of(action));
        }
        head = world.chat.sync(carol, WEEK_1, 0, List.of()).read().maxId();
        pageOf100 = world.log.readAfter(WEEK_1, head - 100, 100);
        nothingNew = world.chat.sync(carol, WEEK_1, head, List.of());
        twentyNew = world.chat.sync(carol, WEEK_1, head - 20, List.of());
        web = new Web(new ObjectMapper(), world.auth, new WebSettings("127.0.0.1", 0, true, Optional.empty(), false,
                Duration.ofSeconds(5), Duration.ofSeconds(25), 16, 1 << 20, WebSettings.ConnectionLimits.defaults(false)));
    }

    @Benchmark
    public SyncResult pollWithNothingNew() {
        return world.chat.sync(carol, WEEK_1, head, List.of());
    }

    @Benchmark
    public SyncResult pollWithTwentyNew() {
        return world.chat.sync(carol, WEEK_1, head - 20, List.of());
    }

    @Benchmark
    public List<StoredAction> visibilityFilterOf100() {
        List<StoredAction> visible = new ArrayList<>(pageOf100.size());
        for (StoredAction a : pageOf100) {
            if (a.isVisibleTo(carol.id(), false)) {
                visible.add(a.forChat());
            }
        }
        return visible;
    }

    @Benchmark
    public String encodeEmptyPoll() {
        return web.text(ChatRoutes.syncAnswer(web, nothingNew, carol, 12.3));
    }

    @Benchmark
    public String encodePollOfTwenty() {
        return web.text(ChatRoutes.syncAnswer(web, twentyNew, carol, 12.3));
    }
}
