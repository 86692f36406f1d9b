package org.therapychat.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.WEEK_2;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.therapychat.core.chat.Appended;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.persistence.jooq.DefaultSchema;
import org.therapychat.persistence.study.StudyExport;
import org.therapychat.persistence.study.StudyImport;

/** Moving a study between H2 and PostgreSQL keeps every row and id; a damaged file stores nothing. */
class StudyMoveTest {
    @org.junit.jupiter.api.AfterEach
    void closeDatabases() {
        TestDatabases.closeFresh();
    }

    private static final Supplier<Database> H2 = () -> TestDatabases.freshH2("move").migrate();
    private static final Supplier<Database> POSTGRES = () -> TestDatabases.freshPostgres("move").migrate();

    @Test
    void h2ToPostgresAndBackKeepsEveryRowAndEveryAction() {
        Database h2 = H2.get();
        StudyFixture.fill(h2);
        String fromH2 = export(h2);
        Database postgres = POSTGRES.get();
        Map<String, Long> loaded = load(postgres, fromH2);
        String fromPostgres = export(postgres);
        Database h2Again = H2.get();
        load(h2Again, fromPostgres);

        assertThat(loaded).containsEntry("users", 4L).containsEntry("actions", 10L).containsEntry("server_secrets", 1L);
        assertThat(rows(fromPostgres)).containsExactlyElementsOf(rows(fromH2));
        assertThat(rows(export(h2Again))).containsExactlyElementsOf(rows(fromH2));
        assertThat(rows(fromH2)).filteredOn(l -> l.startsWith("{\"kind\":\"actions\"")).hasSize(10)
                .anySatisfy(l -> assertThat(l).contains("\"character_history\":\"[\\\"H\\\",\\\"He\\\",\\\"Hello\\\"]\"",
                        "\"client_id\":\"c-1\"", "\"time_to_complete\":\"671ms\""));
        for (Database db : List.of(h2, postgres, h2Again)) {
            assertThat(new JooqActionLog(db).readAfter(WEEK_1, 0, 100)).isEqualTo(new JooqActionLog(h2).readAfter(WEEK_1, 0, 100));
        }
    }

    @Test
    void postgresToH2KeepsIdsResendsAndTheClosedLog() {
        Database postgres = POSTGRES.get();
        StudyFixture.fill(postgres);
        List<StoredAction> before = new JooqActionLog(postgres).readAfter(WEEK_1, 0, 100);
        Database h2 = H2.get();
        load(h2, export(postgres));
        JooqActionLog moved = new JooqActionLog(h2);

        Appended resend = moved.append(WEEK_1, StudyFixture.message(ANA, "c-1", "Hello 👋", List.of(), List.of()));
        Appended fresh = moved.append(WEEK_1, StudyFixture.message(ANA, "c-new", "after the move", List.of(), List.of()));

        assertThat(moved.readAfter(WEEK_1, 0, 100)).startsWith(before.toArray(StoredAction[]::new));
        assertThat(resend.id()).isEqualTo(before.get(0).id());
        long highest = new JooqActionLog(postgres).readAfter(WEEK_2, 0, 100).stream().mapToLong(a -> a.id().value()).max()
                .orElseThrow();
        assertThat(fresh.id().value()).isGreaterThan(highest);
        assertThatThrownBy(() -> moved.append(WEEK_2, StudyFixture.message(ANA, "c-late", "too late", List.of(), List.of())))
                .isInstanceOf(NotAllowed.class);
        byte[] key = new ServerSecrets(h2).getOrCreate("otp-hmac", () -> new byte[] {9});
        assertThat(key).as("the OTP key moved, so codes sent before the move still verify").containsExactly(1, 2, 3, 4);
    }

    @Test
    void anExportFromARunningPostgresIsOneSnapshot() throws Exception {
        Database postgres = POSTGRES.get();
        StudyFixture.fill(postgres);
        JooqActionLog log = new JooqActionLog(postgres);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Integer>> appended = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            appended.add(writers.submit(() -> {
                int n = 0;
                while (writing.get()) {
                    log.append(WEEK_1, StudyFixture.message(ANA, "w" + writer + "-" + n++, "busy", List.of(), List.of()));
                }
                return n;
            }));
        }
        try {
            Thread.sleep(300);
            for (int round = 0; round < 5; round++) {
                String study = export(postgres);
                // the head row and the actions it counts change in one transaction: only one snapshot sees both agree
                long head = study.lines().filter(l -> l.startsWith("{\"kind\":\"action_log_heads\"") && l.contains("\"week-1\""))
                        .map(l -> l.replaceAll(".*\"last_id\":(\\d+).*", "$1")).mapToLong(Long::parseLong).findFirst().orElseThrow();
                long highest = study.lines().filter(l -> l.startsWith("{\"kind\":\"actions\"") && l.contains("\"week-1\""))
                        .map(l -> l.replaceAll(".*\"row\":\\{\"id\":(\\d+).*", "$1")).mapToLong(Long::parseLong).max().orElseThrow();
                assertThat(highest).isEqualTo(head);
                load(H2.get(), study);
            }
        } finally {
            writing.set(false);
            writers.shutdown();
        }
        for (var f : appended) {
            assertThat(f.get()).isPositive();
        }
    }

    @Test
    void aTruncatedFileIsRefusedNamingTheLineAndNothingIsStored() {
        Database source = H2.get();
        StudyFixture.fill(source);
        List<String> lines = export(source).lines().toList();
        String cutAtALine = String.join("\n", lines.subList(0, lines.size() - 1)) + "\n";
        String cutMidLine = cutAtALine.substring(0, cutAtALine.length() - 20);
        for (Supplier<Database> target : List.of(H2, POSTGRES)) {
            Database empty = target.get();
            assertRefused(empty, cutAtALine, "line " + lines.size() + ": the file ends before its trailer");
            assertRefused(empty, cutMidLine, "line " + (lines.size() - 1) + ": not JSON");
        }
    }

    @Test
    void aBadLineInTheMiddleIsRefusedNamingItAndNothingIsStored() {
        Database source = H2.get();
        StudyFixture.fill(source);
        List<String> lines = new ArrayList<>(export(source).lines().toList());
        int firstAction = indexOf(lines, "{\"kind\":\"actions\"");
        for (Supplier<Database> target : List.of(H2, POSTGRES)) {
            assertRefused(target.get(), replace(lines, firstAction + 2, "{\"kind\":\"actions\",\"row\":{\"id\""),
                    "line " + (firstAction + 3) + ": not JSON");
            assertRefused(target.get(), replace(lines, firstAction + 2, lines.get(firstAction + 2).replaceFirst("\"id\":\\d+", "\"id\":\"x\"")),
                    "line " + (firstAction + 3) + ": actions: id is not a Long");
            assertRefused(target.get(), replace(lines, firstAction + 2, lines.get(firstAction + 1)),
                    "the database refused these rows");
            assertRefused(target.get(), replace(lines, lines.size() - 1, lines.get(lines.size() - 1).replace("\"actions\":10", "\"actions\":11")),
                    "line " + lines.size() + ": the trailer counts 11 actions rows, the file holds 10");
        }
    }

    @Test
    void aDatabaseThatIsNotEmptyIsRefused() {
        Database source = POSTGRES.get();
        StudyFixture.fill(source);
        String study = export(source);
        assertThatThrownBy(() -> load(source, study)).isInstanceOf(StudyImport.Refused.class)
                .hasMessageContaining("the database is not empty");
        assertThat(export(source).lines().skip(1).toList()).isEqualTo(study.lines().skip(1).toList());
    }

    private static void assertRefused(Database empty, String file, String expected) {
        assertThatThrownBy(() -> load(empty, file)).isInstanceOf(StudyImport.Refused.class)
                .hasMessageContaining(expected).hasMessageEndingWith("nothing was stored");
        for (var table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            // the audit trail's head row comes with the schema (V5), in every new database
            int left = table.getName().equals("audit_head") ? 1 : 0;
            assertThat((int) empty.read(dsl -> dsl.fetchCount(table))).as(table.getName()).isEqualTo(left);
        }
        assertThat(new JooqActionLog(empty).append(WEEK_1, StudyFixture.message(ANA, "probe", "x", List.of(), List.of()))
                .id().value()).as("the id sequence is untouched").isEqualTo(1L);
        empty.run(dsl -> dsl.deleteFrom(org.therapychat.persistence.jooq.Tables.ACTIONS).execute());
        empty.run(dsl -> dsl.deleteFrom(org.therapychat.persistence.jooq.Tables.ACTION_LOG_HEADS).execute());
        empty.run(dsl -> dsl.alterSequence(org.therapychat.persistence.jooq.Sequences.ACTION_IDS).restartWith(1L).execute());
    }

    private static String replace(List<String> lines, int index, String line) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(index, line);
        return String.join("\n", copy) + "\n";
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }

    /** Every line but the header, which carries the time of the export. */
    private static List<String> rows(String study) {
        return study.lines().skip(1).toList();
    }

    private static String export(Database db) {
        StringWriter out = new StringWriter();
        StudyExport.write(db, out);
        return out.toString();
    }

    private static Map<String, Long> load(Database db, String study) {
        return StudyImport.read(db, new BufferedReader(new StringReader(study)));
    }
}
