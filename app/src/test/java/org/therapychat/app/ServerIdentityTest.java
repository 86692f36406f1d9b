package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.util.Jetty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 12.8 / 17: no answer names the server software or its version, and that software is Jetty 9.4.57. */
class ServerIdentityTest {
    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = new RunningApp();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theJettyOnTheClasspathIsTheLast94Release() {
        assertThat(Jetty.VERSION).isEqualTo("9.4.57.v20241219");
    }

    @Test
    void noAnswerNamesTheServerOrItsVersion() throws IOException {
        String big = "x".repeat(1_100_000);
        List<String> answers = List.of(
                raw("GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
                raw("GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
                raw("GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
                raw("BROKEN REQUEST LINE\r\n\r\n"),
                raw("GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"),
                raw("GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n"),
                raw("POST /api/login/start HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Requested-With: x\r\n"
                        + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " + big.length()
                        + "\r\n\r\n" + big));
        assertThat(answers.get(0)).startsWith("HTTP/1.1 200");
        assertThat(answers.get(1)).startsWith("HTTP/1.1 404");
        assertThat(answers.get(2)).startsWith("HTTP/1.1 401");
        assertThat(answers.get(3)).matches("(?s)HTTP/1.1 (400|505) .*");
        assertThat(answers.get(4)).startsWith("HTTP/1.1 400");
        assertThat(answers.get(5)).startsWith("HTTP/1.1 431");
        assertThat(answers.get(6)).startsWith("HTTP/1.1 413");
        for (String answer : answers) {
            String lower = answer.toLowerCase(java.util.Locale.ROOT);
            assertThat(lower).as(answer).doesNotContain("\r\nserver:", "x-powered-by", "jetty", "9.4.", "spark");
        }
    }

    /** One request as bytes on a fresh connection; the whole answer as text. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before the whole request is sent
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
