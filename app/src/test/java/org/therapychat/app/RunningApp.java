package org.therapychat.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;

/** The real app on a loopback port with a throw-away data directory, the outbox and the demo data. */
final class RunningApp implements AutoCloseable {
    static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    final Path dataDir;
    private final Map<String, String> env;
    TherapyChatApp app;

    RunningApp(Map<String, String> extraEnv) {
        this(extraEnv, List.of());
    }

    /** ... with some bindings replaced (what an embedder passes to {@link Main#create}). */
    RunningApp(Map<String, String> extraEnv, List<com.google.inject.Module> overrides) {
        try {
            dataDir = Files.createTempDirectory("therapychat-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // every test user comes from 127.0.0.1: no per-address connection cap unless a test sets one
        Map<String, String> env = new HashMap<>(Map.of("DATA_DIR", dataDir.toString(), "PORT", "0",
                "HOST", "127.0.0.1", "COOKIE_SECURE", "false", "ADMIN_TOKEN", ADMIN_TOKEN,
                "HTTP_MAX_CONNECTIONS_PER_ADDRESS", "0"));
        env.putAll(extraEnv);
        this.env = env;
        app = Main.create(Config.fromEnvironment(env), overrides).start();
    }

    int port() {
        return app.port();
    }

    /** Stops the server; {@link #startAgain()} brings it back on the same port and data. */
    void stopServer() {
        env.put("PORT", Integer.toString(app.port()));
        app.stop();
    }

    void startAgain() {
        app = Main.create(Config.fromEnvironment(env), List.of()).start();
    }

    RunningApp() {
        this(Map.of());
    }

    /** Limits loose enough for many logins from one test machine; the limit tests use {@link #RunningApp()}. */
    static RunningApp relaxed() {
        return new RunningApp(Map.of("LOGIN_STARTS_PER_IP_PER_HOUR", "100000", "OTP_RESEND_SECONDS", "1",
                "OTP_MAX_SENDS_PER_HOUR", "100000"));
    }

    Api client() {
        return new Api(app.port());
    }

    /** The newest code sent to this phone, waiting briefly for the background sender. */
    String codeFor(String e164) {
        return new Outbox(dataDir).codeFor(e164, outboxLinesAtStart.getOrDefault(lastTenDigits(e164), 0));
    }

    /** Codes go out on a background thread: remember where the outbox stood, so the code read is this login's. */
    private final Map<String, Integer> outboxLinesAtStart = new java.util.concurrent.ConcurrentHashMap<>();

    private static String lastTenDigits(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() > 10 ? digits.substring(digits.length() - 10) : digits;
    }

    int outboxLines() {
        try {
            Path outbox = dataDir.resolve("sms-outbox.jsonl");
            return Files.exists(outbox) ? Files.readAllLines(outbox).size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a login, waiting out the per-phone cooldown if an earlier test just used this phone. */
    Api.Reply start(Api api, String phone, String identifier) {
        for (int attempt = 0; ; attempt++) {
            outboxLinesAtStart.put(lastTenDigits(phone), outboxLines());
            Api.Reply reply = api.post("/api/login/start",
                    "{\"phone\":\"" + phone + "\",\"identifier\":\"" + identifier + "\"}");
            if (reply.status() != 429 || attempt == 3) {
                return reply;
            }
            try {
                Thread.sleep(1000L * Integer.parseInt(reply.header("Retry-After")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A client logged in through the real login flow. */
    Api logIn(String phone, String identifier) {
        Api api = client();
        Assertions.assertThat(start(api, phone, identifier).status()).isEqualTo(202);
        String e164 = "+" + phone.replaceAll("[^0-9]", "");
        Assertions.assertThat(api.post("/api/login/verify", "{\"code\":\"" + codeFor(e164) + "\"}").status())
                .isEqualTo(200);
        return api;
    }

    @Override
    public void close() {
        app.stop();
    }
}
