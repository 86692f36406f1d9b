package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The order inside a graceful stop, seen from one client whose request is half sent when the stop
 * begins (its headers sent, its body not yet), after a quiet second: its request is waited for; new connections are refused first, and
 * only then is its request answered, with {@code Connection: close}, so the client's next request
 * opens a connection that is refused before anything is sent, and never meets a connection the
 * stop cuts (GracefulStopIT does the same under load).
 */
class GracefulDrainTest {
    private static final String BODY = "{\"phone\":\"not a phone\",\"identifier\":\"Smith\"}";

    @Test
    @Timeout(60)
    void aRequestInFlightIsAnsweredWithCloseOnlyOnceNewConnectionsAreRefused() throws Exception {
        RunningApp app = new RunningApp();
        int port = app.port();
        CompletableFuture<Void> stop;
        try (Socket client = new Socket()) {
            client.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            client.setSoTimeout(20_000);
            OutputStream out = client.getOutputStream();
            // No request for over a second: the stop must not take that quiet for "nothing is coming".
            Thread.sleep(1100);
            byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /api/login/start HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-Requested-With: TherapyChat\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Jetty hands a request with a body on only once some of the body is there: until then no
            // handler has seen it, only its connection's bytes (read within these 200 ms) say it is coming.
            Thread.sleep(200);
            stop = CompletableFuture.runAsync(app::close);
            long refusedAfter = millisUntilRefused(port);
            assertThat(stop).as("the stop waits for the request whose body is still coming").isNotDone();

            out.write(body);
            out.flush();
            String answer = readUntilClosed(client.getInputStream());
            System.out.printf("new connections refused %d ms into the stop; the request in flight then answered: %s%n",
                    refusedAfter, answer.lines().findFirst().orElse(""));
            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("\r\nConnection: close\r\n")
                    .contains("\"field\":\"phone\"");
        }
        stop.get(30, TimeUnit.SECONDS);
    }

    private static long millisUntilRefused(int port) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20)) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("new connections were still accepted 20 s into the stop");
    }

    private static String readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("read so far: " + all.toString(StandardCharsets.UTF_8), e);
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
