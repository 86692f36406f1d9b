package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pilot on the embedded database moves to PostgreSQL with {@code export-data} / {@code import-data}. */
class MoveStudyCommandTest {
    private static final String SESSION = "/api/therapy-sessions/demo-week-1";
    private static final Map<String, String> QUICK_CODES = Map.of("OTP_RESEND_SECONDS", "1", "OTP_MAX_SENDS_PER_HOUR", "100");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aPilotOnTheEmbeddedDatabaseMovesToPostgresWithEveryIdKept() throws IOException {
        Path file = Files.createTempDirectory("therapychat-move").resolve("study.jsonl");
        Path pilotData;
        long before;
        try (RunningApp pilot = new RunningApp(with(QUICK_CODES, "DEMO_DATA", "true"))) {
            Api lee = pilot.logIn("+1 650 555 0100", "Rivera");
            assertThat(lee.post(SESSION + "/enter").status()).isEqualTo(200);
            before = send(lee, "m-1", "before the move");
            pilotData = pilot.dataDir;
        }

        assertThat(run("export-data", file, Map.of("DATA_DIR", pilotData.toString()))).as(err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file).lines().findFirst().orElseThrow()).contains("\"format\":\"therapychat-study\"");
        assertThat(run("export-data", file, Map.of("DATA_DIR", pilotData.toString()))).isEqualTo(1);
        assertThat(err()).contains("exists already");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            assertThat(run("import-data", file, Map.of("DATABASE_URL", url))).as(err()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("users=4", "actions=");
            assertThat(run("import-data", file, Map.of("DATABASE_URL", url))).isEqualTo(1);
            assertThat(err()).contains("refused", "the database is not empty");

            try (RunningApp moved = new RunningApp(with(QUICK_CODES, "DATABASE_URL", url))) {
                Api lee = moved.logIn("+1 650 555 0100", "Rivera");
                assertThat(lee.post(SESSION + "/enter").status()).isEqualTo(200);
                assertThat(send(lee, "m-1", "before the move")).as("a resend of a moved clientId").isEqualTo(before);
                assertThat(send(lee, "m-2", "after the move")).isGreaterThan(before);
                assertThat(lee.get(SESSION + "/actions?since=0").get("actions").toString())
                        .contains("before the move", "after the move");
            }
        }
    }

    @Test
    void aDamagedFileIsRefusedWithItsLineAndExitCodeOne() throws IOException {
        Path dir = Files.createTempDirectory("therapychat-move");
        Path file = dir.resolve("broken.jsonl");
        Map<String, String> env = Map.of("DATA_DIR", dir.resolve("data").toString());
        Path empty = dir.resolve("empty.jsonl");
        assertThat(run("export-data", empty, env)).as(err()).isZero();
        Files.writeString(file, Files.readAllLines(empty).get(0) + "\n{oops\n");
        assertThat(run("import-data", file, env)).isEqualTo(1);
        assertThat(err()).contains("line 2: not JSON", "nothing was stored");
        assertThat(run("import-data", dir.resolve("missing.jsonl"), env)).isEqualTo(1);
        assertThat(err()).contains("import-data failed");
    }

    private int run(String command, Path file, Map<String, String> env) {
        err.reset();
        return DataCommands.run(new String[] {command, file.toString()}, Config.fromEnvironment(env),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static long send(Api who, String clientId, String body) {
        Api.Reply reply = who.post(SESSION + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"" + clientId
                + "\",\"type\":\"message\",\"recipients\":[],\"body\":\"" + body + "\"}]}");
        assertThat(reply.status()).isEqualTo(200);
        return reply.get("accepted").get(0).get("id").asLong();
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> env = new HashMap<>(base);
        env.put(name, value);
        return env;
    }
}
