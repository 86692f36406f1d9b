package org.therapychat.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.NewAction;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * Appends/s and polls/s of the action log on each database, on this machine. Not a test: run it
 * with {@code bin/bench-persistence}. Each phase runs for a fixed time and stops by itself.
 */
public final class ActionLogBenchmark {
    private static final int SESSIONS = 20;
    private static final long PHASE_MILLIS = Long.getLong("bench.millis", 5000);

    public static void main(String[] args) throws Exception {
        System.out.printf("cores=%d phase=%dms sessions=%d%n", Runtime.getRuntime().availableProcessors(),
                PHASE_MILLIS, SESSIONS);
        Path dir = Files.createTempDirectory("therapychat-bench");
        try (Database h2 = Database.h2File(dir, 8).migrate()) {
            run("h2-file", h2);
            snapshot("h2-file", h2);
        }
        run("postgresql", TestDatabases.postgres());
        snapshot("postgresql", TestDatabases.postgres());
        System.exit(0);
    }

    /**
     * The "nothing new" snapshot with 1 and with 100,000 sessions in the log (one of them live):
     * the cost of one refresh, of reading the whole heads table (what a refresh used to do), and of
     * a poll with nothing new.
     */
    private static void snapshot(String name, Database db) {
        for (int sessions : new int[] {1, 100_000}) {
            TestDatabases.reset(db);
            insertHeads(db, sessions);
            JooqActionLog log = new JooqActionLog(db);
            TherapySessionId live = session(0);
            long head = log.append(live, message(UserId.of("live"), "live-1")).id().value();
            java.util.concurrent.ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor();
            log.watchHeads(idle, java.time.Duration.ofDays(1));
            log.readAfter(live, head, 500);
            int rounds = 200;
            long started = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                log.refreshHeads();
            }
            double refreshMicros = (System.nanoTime() - started) / 1000.0 / rounds;
            started = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                db.read(dsl -> dsl.selectFrom(org.therapychat.persistence.jooq.Tables.ACTION_LOG_HEADS).fetch().size());
            }
            double wholeTableMicros = (System.nanoTime() - started) / 1000.0 / 10;
            log.refreshHeads();
            int polls = 100_000;
            started = System.nanoTime();
            for (int i = 0; i < polls; i++) {
                if (!log.readAfter(live, head, 500).isEmpty()) {
                    throw new IllegalStateException("nothing is new");
                }
                if (i % 1000 == 0) {
                    log.refreshHeads();
                }
            }
            double pollMicros = (System.nanoTime() - started) / 1000.0 / polls;
            idle.shutdownNow();
            System.out.printf("%-10s sessions=%7d  refresh=%9.1fus  (whole heads table read=%9.1fus)  "
                    + "poll with nothing new=%6.2fus%n", name, sessions, refreshMicros, wholeTableMicros, pollMicros);
        }
    }

    private static void insertHeads(Database db, int sessions) {
        for (int from = 1; from < sessions; from += 1000) {
            int start = from;
            int end = Math.min(sessions, from + 1000);
            db.run(dsl -> {
                var insert = dsl.insertInto(org.therapychat.persistence.jooq.Tables.ACTION_LOG_HEADS,
                        org.therapychat.persistence.jooq.Tables.ACTION_LOG_HEADS.THERAPY_SESSION_ID,
                        org.therapychat.persistence.jooq.Tables.ACTION_LOG_HEADS.LAST_ID);
                for (int s = start; s < end; s++) {
                    insert = insert.values(session(s).value(), (long) s);
                }
                insert.execute();
            });
        }
    }

    private static void run(String name, Database db) throws Exception {
        TestDatabases.reset(db);
        ActionLog log = new JooqActionLog(db);
        for (int s = 0; s < SESSIONS; s++) {
            log.append(session(s), message(UserId.of("warmup"), "warm-" + s));
        }
        double appends = measure(4, worker -> {
            UserId author = UserId.of("W" + worker);
            AtomicLong i = new AtomicLong();
            return () -> log.append(session((int) (i.get() % SESSIONS)), message(author, "c-" + i.incrementAndGet()));
        });
        long[] heads = new long[SESSIONS];
        for (int s = 0; s < SESSIONS; s++) {
            heads[s] = log.readAfter(session(s), 0, 100_000).stream().mapToLong(a -> a.id().value()).max().orElse(0);
        }
        // A poller that has everything: its maxID is the session's last id.
        double emptyPolls = measure(4, worker -> () -> log.readAfter(session(worker % SESSIONS), heads[worker % SESSIONS], 500));
        // A poller about 20 actions behind.
        double fullPolls = measure(4, worker -> () -> log.readAfter(session(worker % SESSIONS),
                Math.max(0, heads[worker % SESSIONS] - 20L * SESSIONS), 500));
        System.out.printf("%-10s appends/s=%8.0f  polls/s(nothing new)=%8.0f  polls/s(~20 new)=%8.0f%n",
                name, appends, emptyPolls, fullPolls);
    }

    interface WorkerFactory {
        Runnable create(int worker);
    }

    private static double measure(int threads, WorkerFactory factory) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + PHASE_MILLIS * 1_000_000;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Runnable op = factory.create(t);
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    op.run();
                    done.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return done.get() / (PHASE_MILLIS / 1000.0);
    }

    private static TherapySessionId session(int i) {
        return TherapySessionId.of("bench-" + i);
    }

    private static NewAction message(UserId author, String clientId) {
        return new NewAction(Optional.of(author), Optional.of(clientId), Optional.empty(), Set.of(), Optional.empty(),
                Instant.now(), new Action.Message(List.of(), "a benchmark message", Optional.empty(), List.of(),
                Optional.empty()));
    }
}
