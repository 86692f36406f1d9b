package org.therapychat.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded file stays compact while the app runs: with every commit written as a chunk of its
 * own and H2's background writer off, the file grew without end (see {@link Database#keepCompact}).
 * The same commits go into two files, one compacted as the app does and one not; H2's retention of
 * old chunks is 0 here so that a short test sees what 45 s of retention shows in production.
 */
class H2CompactionTest {
    private static final int COMMITS = 3_000;

    @TempDir
    Path dir;

    @Test
    void aCompactedFileStaysSmallAndLosesNothing() throws IOException {
        long plain = write(dir.resolve("plain"), false);
        long compacted = write(dir.resolve("compacted"), true);
        System.out.printf("H2 file after %d commits: %d KB without compaction, %d KB compacted every 100 commits%n",
                COMMITS, plain / 1024, compacted / 1024);
        assertThat(compacted).isLessThan(plain / 3);

        // reopened, every committed row is there
        try (Database again = Database.h2File(dir.resolve("compacted"), 2, ";RETENTION_TIME=0")) {
            long rows = again.read(dsl -> ((Number) dsl.fetchValue("SELECT COUNT(*) FROM t")).longValue());
            long head = again.read(dsl -> ((Number) dsl.fetchValue("SELECT last FROM heads WHERE k = 'h7'")).longValue());
            assertThat(rows).isEqualTo(COMMITS);
            assertThat(head).isEqualTo(2_997L);
        }
    }

    /** Compaction moves only what it takes: once half of the old chunks' space is live it stops. */
    @Test
    void compactionStopsOnceTheOldChunksAreHalfLive() throws IOException {
        int[] before = new int[1];
        int[] runs = new int[1];
        int[] after = new int[1];
        write(dir, false, db -> {
            before[0] = db.oldChunksFillPercent();
            while (runs[0] < 10_000 && db.compactNow()) {
                runs[0]++;
            }
            after[0] = db.oldChunksFillPercent();
        });
        System.out.printf("old chunks live: %d%% before, %d%% after %d compaction runs%n", before[0], after[0], runs[0]);
        assertThat(before[0]).isLessThan(50);
        assertThat(runs[0]).isPositive().isLessThan(10_000);
        assertThat(after[0]).isGreaterThanOrEqualTo(50);
    }

    @Test
    void nothingToCompactInMemory() {
        try (Database memory = Database.h2Memory("compaction-" + java.util.UUID.randomUUID())) {
            assertThat(memory.compactNow()).isFalse();
        }
    }

    private static long write(Path at, boolean compact) throws IOException {
        return write(at, compact, db -> { });
    }

    private static long write(Path at, boolean compact, java.util.function.Consumer<Database> atEnd) throws IOException {
        Files.createDirectories(at);
        try (Database db = Database.h2File(at, 2, ";RETENTION_TIME=0")) {
            db.transaction(dsl -> {
                dsl.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, k VARCHAR(64) NOT NULL, body VARCHAR(2000),"
                        + " CONSTRAINT t_body UNIQUE (k, body))");
                dsl.execute("CREATE INDEX t_by_k ON t (k, id)");
                dsl.execute("CREATE TABLE heads (k VARCHAR(64) PRIMARY KEY, last BIGINT NOT NULL)");
                for (int h = 0; h < 10; h++) {
                    dsl.execute("INSERT INTO heads VALUES (?, 0)", "h" + h);
                }
                return null;
            });
            for (long i = 0; i < COMMITS; i++) {
                long id = i;
                // one append as the chat makes it: a row, its indexes and the head, in one commit
                db.transaction(dsl -> {
                    dsl.execute("INSERT INTO t VALUES (?, ?, ?)", id, "h" + id % 10, "hello from " + id);
                    return dsl.execute("UPDATE heads SET last = ? WHERE k = ?", id, "h" + id % 10);
                });
                if (compact && i % 100 == 99) {
                    db.compactNow();
                }
            }
            atEnd.accept(db);
            // measured while open: closing compacts a little (H2's MAX_COMPACT_TIME), as a running app never does
            return Files.size(at.resolve("therapychat.mv.db"));
        }
    }
}
