package org.therapychat.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.THERAPIST;
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
        Map<String, Long> loaded = load(postgres, fromH2).stored();
        String fromPostgres = export(postgres);
        Database h2Again = H2.get();
        load(h2Again, fromPostgres);

        assertThat(loaded).containsEntry("users", 4L).containsEntry("actions", 11L).containsEntry("audit_entries", 2L);
        assertThat(rows(fromPostgres)).containsExactlyElementsOf(rows(fromH2));
        assertThat(rows(export(h2Again))).containsExactlyElementsOf(rows(fromH2));
        assertThat(rows(fromH2)).filteredOn(l -> l.startsWith("{\"kind\":\"actions\"")).hasSize(11)
                .anySatisfy(l -> assertThat(l).contains("\"character_history\":\"[\\\"H\\\",\\\"He\\\",\\\"Hello\\\"]\"",
                        "\"client_id\":\"c-1\"", "\"time_to_complete\":\"671ms\""))
                .anySatisfy(l -> assertThat(l).contains("\"notice_kind\":\"session_ended\""));
        for (Database db : List.of(h2, postgres, h2Again)) {
            assertThat(new JooqActionLog(db).readAfter(WEEK_1, 0, 100)).isEqualTo(new JooqActionLog(h2).readAfter(WEEK_1, 0, 100));
            assertThat(new JooqAssessments(db).find(WEEK_1, ANA)).as("surveys keep their labels")
                    .isEqualTo(new JooqAssessments(h2).find(WEEK_1, ANA)).anySatisfy(a -> assertThat(a.labels()).hasSize(2));
            assertThat(new JooqActionLog(db).readAfter(WEEK_2, 0, 100)).as("notices keep their kinds")
                    .isEqualTo(new JooqActionLog(h2).readAfter(WEEK_2, 0, 100));
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
        assertThat(key).as("the OTP key did not move: the new database's is its own").containsExactly(9);
    }

    @Test
    void anExportFromARunningPostgresIsOneSnapshot() throws Exception {
        Database postgres = POSTGRES.get();
        StudyFixture.fill(postgres);
        JooqActionLog log = new JooqActionLog(postgres);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger busyAnswers = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService writers = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<Integer>> appended = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            appended.add(writers.submit(() -> {
                int n = 0;
                while (writing.get()) {
                    try {
                        log.append(WEEK_1, StudyFixture.message(ANA, "w" + writer + "-" + n, "busy", List.of(), List.of()));
                        n++;
                    } catch (org.therapychat.core.common.DomainException.PortFailure busy) {
                        // four writers on one chat on a loaded box: "the chat is busy" is the answer a client retries
                        busyAnswers.incrementAndGet();
                    }
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
        int stored = 0;
        for (var f : appended) {
            int n = f.get();
            assertThat(n).isPositive();
            stored += n;
        }
        System.out.printf("export while writing: %d appends by 4 writers, %d 'busy' answers retried%n", stored, busyAnswers.get());
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
            assertRefused(target.get(), replace(lines, lines.size() - 1, lines.get(lines.size() - 1).replace("\"actions\":11", "\"actions\":12")),
                    "line " + lines.size() + ": the trailer counts 12 actions rows, the file holds 11");
        }
    }

    @Test
    void loginSessionsCodesRatesPresenceAndSecretsStayBehind() {
        Database h2 = H2.get();
        StudyFixture.fill(h2);
        String study = export(h2);
        assertThat(study.lines().map(l -> JSON_KIND.matcher(l).replaceFirst("$1")).distinct())
                .containsExactly("header", "users", "therapy_sessions", "members", "assessments", "action_log_heads", "actions",
                        "audit_entries", "audit_head", "trailer");
        assertThat(study.lines().reduce((a, b) -> b).orElseThrow()).doesNotContain(LEFT_BEHIND.toArray(String[]::new));
        for (Supplier<Database> target : List.of(H2, POSTGRES)) {
            Database moved = target.get();
            load(moved, study);
            assertNothingLeftBehindMoved(moved);
            assertThat(new JooqAuditTrail(moved).append(StudyFixture.T0, "S1", "user.put", "P9", "ok").id())
                    .as("the trail continues above the moved entries").isEqualTo(3L);
        }
    }

    @Test
    void anOlderFileWithLoginSessionsCodesAndSecretsLoadsWithoutThem() {
        Database source = H2.get();
        StudyFixture.fill(source);
        String at = "\"" + StudyFixture.T0 + "\"";
        String planted = plant(export(source),
                "{\"kind\":\"auth_sessions\",\"row\":{\"session_key\":\"" + "d".repeat(64) + "\",\"user_id\":\""
                        + THERAPIST.value() + "\",\"authenticated_at\":" + at + ",\"last_activity_at\":" + at
                        + ",\"therapy_session_id\":null}}",
                "{\"kind\":\"otp_challenges\",\"row\":{\"challenge_key\":\"" + "e".repeat(64)
                        + "\",\"phone\":\"+16505550100\",\"user_id\":\"" + THERAPIST.value() + "\",\"code_hash\":\""
                        + "f".repeat(64) + "\",\"issued_at\":" + at + ",\"expires_at\":" + at + "}}",
                "{\"kind\":\"rate_keys\",\"row\":{\"rule_name\":\"otp-phone\",\"rate_key\":\"+16505550100\"}}",
                "{\"kind\":\"rate_events\",\"row\":{\"rule_name\":\"otp-phone\",\"rate_key\":\"+16505550100\",\"occurred_at\":"
                        + at + "}}",
                "{\"kind\":\"presence\",\"row\":{\"therapy_session_id\":\"week-1\",\"user_id\":\"" + THERAPIST.value()
                        + "\",\"last_seen_at\":" + at + "}}",
                "{\"kind\":\"server_secrets\",\"row\":{\"name\":\"otp-hmac\",\"secret\":\"AQIDBA==\"}}");
        for (Supplier<Database> target : List.of(H2, POSTGRES)) {
            Database moved = target.get();
            assertThat(load(moved, planted).skipped()).isEqualTo(Map.of("auth_sessions", 1L, "otp_challenges", 1L,
                    "rate_keys", 1L, "rate_events", 1L, "presence", 1L, "server_secrets", 1L));
            assertThat(new JooqAuthSessionStore(moved).find("d".repeat(64))).as("a planted login session").isEmpty();
            assertNothingLeftBehindMoved(moved);
            assertThat(new JooqUserStore(moved).list()).hasSize(4);
        }
    }

    @Test
    void anAuditHeadBehindTheTrailIsRefusedNamingItsLineAndAMissingOneIsWorkedOut() {
        Database source = H2.get();
        StudyFixture.fill(source);
        List<String> lines = export(source).lines().toList();
        int head = indexOf(lines, "{\"kind\":\"audit_head\"");
        assertThat(lines.get(head)).contains("\"last_id\":2");
        String behind = replace(lines, head, lines.get(head).replace("\"last_id\":2", "\"last_id\":0"));
        String withoutHead = drop(lines, head);
        for (Supplier<Database> target : List.of(H2, POSTGRES)) {
            assertRefused(target.get(), behind, "line " + (head + 1) + ": audit_head: last_id 0, but the highest audit entry is 2");
            Database moved = target.get();
            load(moved, withoutHead);
            assertThat(new JooqAuditTrail(moved).append(StudyFixture.T0, "S1", "user.put", "P9", "ok").id()).isEqualTo(3L);
        }
    }

    @Test
    void aLogHeadThatDisagreesWithItsActionsIsRefusedNamingItsLine() {
        Database source = H2.get();
        StudyFixture.fill(source);
        List<String> lines = export(source).lines().toList();
        int head = indexOf(lines, "{\"kind\":\"action_log_heads\",\"row\":{\"therapy_session_id\":\"week-1\"");
        long last = Long.parseLong(lines.get(head).replaceAll(".*\"last_id\":(\\d+).*", "$1"));
        String behind = replace(lines, head, lines.get(head).replace("\"last_id\":" + last, "\"last_id\":3"));
        List<String> withoutHead = drop(lines, head).lines().toList();
        int firstOfWeek1 = indexOf(withoutHead, "{\"kind\":\"actions\"");
        for (Supplier<Database> target : List.of(H2, POSTGRES)) {
            Database empty = target.get();
            assertRefused(empty, behind, "line " + (head + 1) + ": action_log_heads: last_id 3, but the highest action of week-1 is "
                    + last);
            assertRefused(empty, String.join("\n", withoutHead) + "\n", "line " + (firstOfWeek1 + 1)
                    + ": actions: week-1 has actions but no action_log_heads row");
        }
    }

    @Test
    void rowsTheAppCouldNotReadAreRefusedNamingTheLine() {
        Database source = H2.get();
        StudyFixture.fill(source);
        List<String> lines = export(source).lines().toList();
        int message = indexOf(lines, "{\"kind\":\"actions\"");
        int reaction = indexOf(lines, "{\"kind\":\"actions\",\"row\":{\"id\":3,");
        int user = indexOf(lines, "{\"kind\":\"users\"");
        int ended = lines.indexOf(lines.stream().filter(l -> l.startsWith("{\"kind\":\"therapy_sessions\"")
                && l.contains("\"status\":\"ended\"")).findFirst().orElseThrow());
        int survey = indexOf(lines, "{\"kind\":\"assessments\"");
        int member = indexOf(lines, "{\"kind\":\"members\"");
        int audit = indexOf(lines, "{\"kind\":\"audit_entries\"");
        Map<String, String> damaged = new java.util.LinkedHashMap<>();
        damaged.put(edit(lines, message, "\"action_type\":\"message\"", "\"action_type\":\"mesage\""),
                "line " + (message + 1) + ": actions: unknown action type in the log: mesage");
        damaged.put(edit(lines, reaction, "\"icon\":\"heart\"", "\"icon\":\"poop\""),
                "line " + (reaction + 1) + ": actions: icon must be one of");
        damaged.put(edit(lines, message, "\"author\":\"" + ANA.value() + "\"", "\"author\":\"ana, bo\""),
                "line " + (message + 1) + ": actions: user id must be");
        damaged.put(edit(lines, user, "\"phone\":\"+", "\"phone\":\"00"),
                "line " + (user + 1) + ": users: phone must be in E.164 form");
        damaged.put(edit(lines, user, "\"role_name\":\"", "\"role_name\":\"x"),
                "line " + (user + 1) + ": users: role must be participant, therapist or staff");
        damaged.put(edit(lines, ended, "\"status\":\"ended\"", "\"status\":\"Ended\""),
                "line " + (ended + 1) + ": therapy_sessions: status must be scheduled, open or ended");
        damaged.put(edit(lines, survey, "\"due\":\"", "\"due\":\"x"),
                "line " + (survey + 1) + ": assessments: due must be pre or post");
        damaged.put(edit(lines, member, "\"user_id\":\"", "\"user_id\":\" "),
                "line " + (member + 1) + ": members: user id must be");
        damaged.put(edit(lines, audit, "\"id\":1,", "\"id\":0,"),
                "line " + (audit + 1) + ": audit_entries: an audit entry's id is positive");
        int ben = indexOf(lines, "{\"kind\":\"users\",\"row\":{\"id\":\"" + BEN.value() + "\"");
        damaged.put(replace(lines, ben, lines.get(ben).replace("+16505550102", "+16505550101").replace("\"Jones\"", "\" SMITH \"")),
                "line " + (ben + 1) + ": users: " + BEN.value() + " has the phone and identifier of " + ANA.value());
        for (Supplier<Database> target : List.of(H2, POSTGRES)) {
            Database empty = target.get();
            damaged.forEach((file, expected) -> assertRefused(empty, file, expected));
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

    /** What a study is not: anyone's login, a code in flight, a rate count, who is online, a server key. */
    private static final List<String> LEFT_BEHIND = List.of("auth_sessions", "otp_challenges", "rate_keys", "rate_events",
            "presence", "server_secrets");
    private static final java.util.regex.Pattern JSON_KIND = java.util.regex.Pattern.compile("^\\{\"kind\":\"([a-z_]+)\".*");

    private static void assertNothingLeftBehindMoved(Database moved) {
        for (String name : LEFT_BEHIND) {
            var table = DefaultSchema.DEFAULT_SCHEMA.getTable(name);
            assertThat((int) moved.read(dsl -> dsl.fetchCount(table))).as(name).isZero();
        }
        assertThat(new ServerSecrets(moved).getOrCreate("otp-hmac", () -> new byte[] {9})).as("a new OTP key")
                .containsExactly(9);
    }

    /** The file with these lines added before its trailer, and counted there: a file an older version wrote. */
    private static String plant(String study, String... planted) {
        List<String> lines = new ArrayList<>(study.lines().toList());
        String trailer = lines.remove(lines.size() - 1);
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(trailer);
            var counts = (com.fasterxml.jackson.databind.node.ObjectNode) node.get("counts");
            for (String line : planted) {
                String kind = json.readTree(line).get("kind").asText();
                counts.put(kind, counts.path(kind).asLong(0) + 1);
                lines.add(line);
            }
            lines.add(json.writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
        return String.join("\n", lines) + "\n";
    }

    /** The file without line {@code index}, its trailer counting one row fewer of its kind. */
    private static String drop(List<String> lines, int index) {
        String kind = JSON_KIND.matcher(lines.get(index)).replaceFirst("$1");
        List<String> copy = new ArrayList<>(lines);
        copy.remove(index);
        int trailer = copy.size() - 1;
        java.util.regex.Matcher count = java.util.regex.Pattern.compile("\"" + kind + "\":(\\d+)").matcher(copy.get(trailer));
        assertThat(count.find()).isTrue();
        copy.set(trailer, count.replaceFirst("\"" + kind + "\":" + (Long.parseLong(count.group(1)) - 1)));
        return String.join("\n", copy) + "\n";
    }

    private static String edit(List<String> lines, int index, String from, String to) {
        assertThat(lines.get(index)).contains(from);
        return replace(lines, index, lines.get(index).replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
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

    private static StudyImport.Loaded load(Database db, String study) {
        return StudyImport.read(db, new BufferedReader(new StringReader(study)));
    }
}
