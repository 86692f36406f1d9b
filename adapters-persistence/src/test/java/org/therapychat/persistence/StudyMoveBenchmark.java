package org.therapychat.persistence;

import static org.therapychat.persistence.jooq.Tables.ACTIONS;
import static org.therapychat.persistence.jooq.Tables.ACTION_LOG_HEADS;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jooq.BatchBindStep;
import org.therapychat.persistence.study.StudyExport;
import org.therapychat.persistence.study.StudyImport;

/**
 * Not a test: moves a study of N actions (default 1,000,000) from an H2 file to PostgreSQL and
 * prints the time, the file size and the peak heap. Run it with a small heap (e.g. -Xmx96m) to see
 * that both directions stream: {@code bin/bench-move -Xmx96m -Dactions=1000000}.
 */
public final class StudyMoveBenchmark {
    public static void main(String[] args) throws Exception {
        int actions = Integer.getInteger("actions", 1_000_000);
        Path dir = Files.createTempDirectory("therapychat-move-bench");
        try (Database h2 = Database.h2File(dir, 2).migrate();
             EmbeddedPostgres server = EmbeddedPostgres.builder().start();
             Database postgres = Database.postgres(server.getJdbcUrl("postgres", "postgres"), 2,
                     new PgTimeouts(java.time.Duration.ofHours(1), java.time.Duration.ofSeconds(10), java.time.Duration.ofHours(2)))
                     .migrate()) {
            StudyFixture.fill(h2);
            long t0 = System.nanoTime();
            fillActions(h2, actions);
            System.out.printf("filled H2 with %,d actions in %.1f s%n", actions, seconds(t0));
            resetPeak();
            Path file = dir.resolve("study.jsonl");
            long t1 = System.nanoTime();
            Map<String, Long> written;
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                written = StudyExport.write(h2, out);
            }
            System.out.printf("export-data (H2): %,d actions, %,d MB in %.1f s, peak heap %d MB%n", written.get("actions"),
                    Files.size(file) >> 20, seconds(t1), peakHeapMb());
            resetPeak();
            long t2 = System.nanoTime();
            Map<String, Long> read;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                read = StudyImport.read(postgres, in).stored();
            }
            System.out.printf("import-data (PostgreSQL): %,d actions in %.1f s, peak heap %d MB%n", read.get("actions"),
                    seconds(t2), peakHeapMb());
            resetPeak();
            long t3 = System.nanoTime();
            Path again = dir.resolve("again.jsonl");
            try (Writer out = new BufferedWriter(Files.newBufferedWriter(again, StandardCharsets.UTF_8), 1 << 16)) {
                StudyExport.write(postgres, out);
            }
            System.out.printf("export-data (PostgreSQL): %.1f s, peak heap %d MB; same rows as the H2 export: %s%n",
                    seconds(t3), peakHeapMb(), sameRows(file, again));
        }
    }

    private static void fillActions(Database db, int count) {
        long first = db.read(dsl -> dsl.select(org.jooq.impl.DSL.max(ACTIONS.ID)).from(ACTIONS).fetchOne(0, Long.class)) + 1;
        for (int from = 0; from < count; from += 10_000) {
            int start = from;
            db.run(dsl -> {
                BatchBindStep batch = dsl.batch(dsl.insertInto(ACTIONS, ACTIONS.ID, ACTIONS.THERAPY_SESSION_ID, ACTIONS.ACTION_TYPE,
                        ACTIONS.AUTHOR, ACTIONS.CLIENT_ID, ACTIONS.CREATED_AT, ACTIONS.AUDIENCE, ACTIONS.DELETED, ACTIONS.BODY,
                        ACTIONS.RECIPIENTS, ACTIONS.CHARACTER_HISTORY, ACTIONS.TIME_TO_COMPLETE)
                        .values((Long) null, null, null, null, null, null, null, null, null, null, null, null));
                for (int i = start; i < Math.min(count, start + 10_000); i++) {
                    batch.bind(first + i, "week-1", "message", "P123", "bench-" + i, StudyFixture.T0, "", false,
                            "A message of about the length people write in a group chat, number " + i, "",
                            "[\"A\",\"A m\",\"A me\"]", "1200ms");
                }
                batch.execute();
            });
        }
        db.run(dsl -> dsl.update(ACTION_LOG_HEADS).set(ACTION_LOG_HEADS.LAST_ID, first + count - 1)
                .where(ACTION_LOG_HEADS.THERAPY_SESSION_ID.eq("week-1")).execute());
    }

    private static boolean sameRows(Path a, Path b) throws java.io.IOException {
        try (var x = Files.lines(a).skip(1); var y = Files.lines(b).skip(1)) {
            var i = x.iterator();
            var j = y.iterator();
            while (i.hasNext() && j.hasNext()) {
                if (!i.next().equals(j.next())) {
                    return false;
                }
            }
            return !i.hasNext() && !j.hasNext();
        }
    }

    private static void resetPeak() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
