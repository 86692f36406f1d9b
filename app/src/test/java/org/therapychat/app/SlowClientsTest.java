package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 12.1: clients that send headers or a body slowly (or never finish) must neither hold the
 * server's worker threads nor keep their sockets. 200 such clients from 8 loopback addresses while a
 * normal client keeps starting logins, logging in and polling.
 */
class SlowClientsTest {
    private static final String TS = "/api/therapy-sessions/demo-week-1";
    private static final int SLOW_CLIENTS = 200;
    private static final int ADDRESSES = 8;
    private static final int CAP = 20;
    private static final long TIMEOUT_MILLIS = 2000;

    @Test
    void slowClientsAreDroppedWithinTheTimeoutWhileOthersAreServedPromptly() throws Exception {
        try (RunningApp app = new RunningApp(Map.of("LOGIN_STARTS_PER_IP_PER_HOUR", "100000",
                "OTP_RESEND_SECONDS", "1", "OTP_MAX_SENDS_PER_HOUR", "100000",
                "HTTP_HEADER_TIMEOUT_SECONDS", "2", "HTTP_BODY_TIMEOUT_SECONDS", "2",
                "HTTP_IDLE_TIMEOUT_SECONDS", "30", "HTTP_MAX_CONNECTIONS_PER_ADDRESS", Integer.toString(CAP)))) {
            ExecutorService readers = Executors.newFixedThreadPool(SLOW_CLIENTS);
            try {
                run(app, readers);
            } finally {
                readers.shutdownNow();
            }
        }
    }

    private static void run(RunningApp app, ExecutorService readers) throws Exception {
        {
            Api ana = app.logIn("+1 650 555 0101", "Smith");
            assertThat(ana.post(TS + "/enter").status()).isEqualTo(200);

            long start = System.nanoTime();
            List<Future<Long>> closedAfter = new ArrayList<>();
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                Socket socket = slowClient(app.port(), "127.0.0." + (2 + i % ADDRESSES), i % 2 == 0);
                closedAfter.add(readers.submit(() -> millisUntilClosed(socket, start)));
            }

            Api stranger = app.client();
            List<Long> latencies = new ArrayList<>();
            int round = 0;
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS + 1500)) {
                latencies.add(timed(() -> assertThat(stranger.post("/api/login/start",
                        "{\"phone\":\"+1 650 555 " + (3000 + latencies.size()) + "\",\"identifier\":\"Nobody\"}")
                        .status()).isEqualTo(202)));
                latencies.add(timed(() -> assertThat(ana.post(TS + "/actions/sync",
                        "{\"maxID\":0,\"actionQueue\":[]}").status()).isEqualTo(200)));
                latencies.add(timed(() -> assertThat(stranger.get("/livez").status()).isEqualTo(200)));
                if (round++ == 2) {
                    latencies.add(timed(() -> app.logIn("+1 650 555 0102", "Jones")));
                }
            }
            latencies.sort(null);
            assertThat(latencies.size()).isGreaterThan(20);
            assertThat(latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1)).as("p99 ms").isLessThan(1000);

            List<Long> closed = new ArrayList<>();
            for (Future<Long> f : closedAfter) {
                closed.add(f.get(2 * TIMEOUT_MILLIS + 8000, TimeUnit.MILLISECONDS));
            }
            int overTheCap = SLOW_CLIENTS - ADDRESSES * CAP;
            assertThat(closed.stream().filter(ms -> ms < TIMEOUT_MILLIS / 2).count()).as("refused over the cap")
                    .isEqualTo(overTheCap);
            // headers: within twice the timeout of their first byte (see HeaderDeadline); bodies: within it
            assertThat(closed).as("every slow client dropped within the timeout")
                    .allMatch(ms -> ms < 2 * TIMEOUT_MILLIS + 1500);
        }
    }

    /** Half send the headers, a declared 1,000-byte body and 5 bytes of it; half stop inside the headers. */
    private static Socket slowClient(int port, String from, boolean stopsInTheBody) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout((int) (2 * TIMEOUT_MILLIS) + 6000);
        String request = stopsInTheBody
                ? "POST /api/login/start HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "X-Requested-With: x\r\nContent-Length: 1000\r\n\r\n{\"pho"
                : "POST /api/login/start HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Reque";
        OutputStream out = socket.getOutputStream();
        try {
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // refused over the cap before it could write: the reader sees it closed
        }
        return socket;
    }

    private static long millisUntilClosed(Socket socket, long start) {
        try (socket; InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[1024];
            while (in.read(buffer) >= 0) {
                // an answer (408) may come before the close
            }
        } catch (IOException e) {
            // reset by the server: closed as well
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static long timed(Runnable call) {
        long t0 = System.nanoTime();
        call.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
}
