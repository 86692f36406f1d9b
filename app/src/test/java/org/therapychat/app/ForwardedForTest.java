package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 12.6: the per-IP login limit counts the address the trusted proxy added (the last
 * X-Forwarded-For hop over all the header's lines), never what a client wrote, and never answers 5xx.
 */
class ForwardedForTest {
    private static final AtomicInteger PHONES = new AtomicInteger(1000);

    @Test
    void behindATrustedProxyTheLastHopOfAllLinesIsCountedAndGarbageFallsBackToThePeer() {
        try (RunningApp app = new RunningApp(Map.of("TRUSTED_PROXY", "true", "LOGIN_STARTS_PER_IP_PER_HOUR", "2"))) {
            // one comma-separated line: the client's spoofed hops come first
            assertThat(start(app, List.of("X-Forwarded-For: 6.6.6.1, 10.0.0.1"))).isEqualTo(202);
            assertThat(start(app, List.of("X-Forwarded-For: 6.6.6.2, 10.0.0.1"))).isEqualTo(202);
            assertThat(start(app, List.of("X-Forwarded-For: 6.6.6.3, 10.0.0.1"))).isEqualTo(429);
            assertThat(start(app, List.of("X-Forwarded-For: 6.6.6.3, 10.0.0.2"))).isEqualTo(202);
            // several lines: the proxy appended its own line after the client's
            assertThat(start(app, List.of("X-Forwarded-For: 6.6.6.4", "X-Forwarded-For: 10.0.0.3"))).isEqualTo(202);
            assertThat(start(app, List.of("X-Forwarded-For: 6.6.6.5", "X-Forwarded-For: 10.0.0.3"))).isEqualTo(202);
            assertThat(start(app, List.of("X-Forwarded-For: 6.6.6.6, 7.7.7.7", "X-Forwarded-For: 10.0.0.3")))
                    .isEqualTo(429);
            assertThat(start(app, List.of("X-Forwarded-For: 2001:db8::1", "X-Forwarded-For: 2001:db8::2"))).isEqualTo(202);
            // garbage: never 5xx, counted against the socket's peer (127.0.0.1), which then runs out
            assertThat(start(app, List.of("X-Forwarded-For: ,"))).isEqualTo(202);
            assertThat(start(app, List.of("X-Forwarded-For: not-an-address"))).isEqualTo(202);
            assertThat(start(app, List.of("X-Forwarded-For: , ,", "X-Forwarded-For: localhost"))).isEqualTo(429);
        }
    }

    @Test
    void withoutATrustedProxyForwardedHeadersAreIgnored() {
        try (RunningApp app = new RunningApp(Map.of("LOGIN_STARTS_PER_IP_PER_HOUR", "2"))) {
            assertThat(start(app, List.of("X-Forwarded-For: 6.6.6.1"))).isEqualTo(202);
            assertThat(start(app, List.of("X-Forwarded-For: 6.6.6.2", "Forwarded: for=6.6.6.9"))).isEqualTo(202);
            assertThat(start(app, List.of("X-Forwarded-For: 6.6.6.3", "X-Real-IP: 6.6.6.4"))).isEqualTo(429);
        }
    }

    /** A login start for a fresh phone (so only the per-IP rule can refuse it); its status. */
    private static int start(RunningApp app, List<String> headerLines) {
        String body = "{\"phone\":\"+1 650 555 " + PHONES.incrementAndGet() + "\",\"identifier\":\"Nobody\"}";
        StringBuilder request = new StringBuilder("POST /api/login/start HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nX-Requested-With: x\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\n");
        headerLines.forEach(line -> request.append(line).append("\r\n"));
        request.append("\r\n").append(body);
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).contains("Content-Type: application/json");
            return Integer.parseInt(answer.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
