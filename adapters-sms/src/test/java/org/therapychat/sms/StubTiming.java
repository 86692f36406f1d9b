package org.therapychat.sms;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The slow answers the loopback provider stubs share; each waits no longer than its stub stays open. */
final class StubTiming {
    private StubTiming() {
    }

    /** Waits, and says whether the stub is closing meanwhile. */
    static boolean pause(CountDownLatch closing, long millis) {
        try {
            return closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Headers at once, then one blank of the answer every 200 ms for up to 30 s: no single read times out.
     *
     * @return whether the client hung up meanwhile
     */
    static boolean trickle(HttpExchange exchange, int status, String contentType, CountDownLatch closing)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 150; i++) {
                out.write(' ');
                out.flush();
                if (pause(closing, 200)) {
                    return false;
                }
            }
        } catch (IOException clientGaveUp) {
            return true; // what a trickle test wants: the client stopped waiting
        }
        return false;
    }
}
