package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.SecretToken;
import org.therapychat.web.Web;

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
    void aLoginSessionInAStudyFileLetsNobodyIn() throws IOException {
        Path dir = Files.createTempDirectory("therapychat-move");
        Path file = dir.resolve("study.jsonl");
        Path pilotData;
        String token;
        try (RunningApp pilot = new RunningApp(with(QUICK_CODES, "DEMO_DATA", "true"))) {
            Api sam = pilot.logIn(DemoData.STAFF_PHONE, "Coordinator");
            assertThat(sam.get("/admin/users").status()).isEqualTo(200);
            token = sam.cookie(Web.SESSION_COOKIE);
            pilotData = pilot.dataDir;
        }
        assertThat(run("export-data", file, Map.of("DATA_DIR", pilotData.toString()))).as(err()).isZero();
        assertThat(Files.readString(file)).doesNotContain("\"kind\":\"auth_sessions\"", "\"kind\":\"server_secrets\"",
                "\"kind\":\"otp_challenges\"", "\"kind\":\"rate_events\"");

        // what an older version's export carried, or a hostile file plants: Sam's login, still fresh
        String now = "\"" + Instant.now() + "\"";
        plant(file, "{\"kind\":\"auth_sessions\",\"row\":{\"session_key\":\"" + new SecretToken(token).digest()
                + "\",\"user_id\":\"S1\",\"authenticated_at\":" + now + ",\"last_activity_at\":" + now
                + ",\"therapy_session_id\":null}}");
        Path movedData = dir.resolve("moved");
        assertThat(run("import-data", file, Map.of("DATA_DIR", movedData.toString()))).as(err()).isZero();
        assertThat(err()).contains("skipped {auth_sessions=1}", "never imported");

        try (RunningApp moved = new RunningApp(with(QUICK_CODES, "DATA_DIR", movedData.toString()))) {
            Api planted = moved.client();
            assertThat(planted.get("/admin/users", Map.of("Cookie", Web.SESSION_COOKIE + "=" + token)).status())
                    .as("the planted session").isEqualTo(401);
            Api sam = moved.client();
            assertThat(moved.start(sam, DemoData.STAFF_PHONE, "Coordinator").status()).isEqualTo(202);
            String code = new Outbox(movedData).codeFor("+" + DemoData.STAFF_PHONE.replaceAll("[^0-9]", ""), 0);
            assertThat(sam.post("/api/login/verify", "{\"code\":\"" + code + "\"}").status()).isEqualTo(200);
            assertThat(sam.get("/admin/users").status()).as("Sam logs in again, with a code").isEqualTo(200);
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

    /** Adds the line before the file's trailer and counts it there. */
    private static void plant(Path file, String line) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        ObjectNode trailer = (ObjectNode) json.readTree(lines.remove(lines.size() - 1));
        String kind = json.readTree(line).get("kind").asText();
        ObjectNode counts = (ObjectNode) trailer.get("counts");
        counts.put(kind, counts.path(kind).asLong(0) + 1);
        lines.add(line);
        lines.add(json.writeValueAsString(trailer));
        Files.write(file, lines);
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
