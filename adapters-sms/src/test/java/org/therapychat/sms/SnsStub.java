package org.therapychat.sms;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An in-process server on loopback that speaks the SNS query protocol for {@code Publish}:
 * records each request's form fields and answers real-shaped XML.
 */
final class SnsStub implements AutoCloseable {
    enum Reply {
        OK, THROTTLED, INVALID_PARAMETER, INTERNAL_ERROR,
        /** OK after {@link #slowness}. */
        SLOW,
        /** Headers at once, then one byte of the answer every 200 ms for up to 30 s: no single read times out. */
        TRICKLE
    }

    private volatile java.time.Duration slowness = java.time.Duration.ofSeconds(2);
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);

    private final HttpServer server;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();

    SnsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next replies, in order; once used up every request gets OK. */
    synchronized void willReply(Reply... replies) {
        script.addAll(List.of(replies));
    }

    /** Every request from now on gets this reply. */
    synchronized void alwaysReply(Reply reply) {
        always = reply;
    }

    void slowness(java.time.Duration d) {
        slowness = d;
    }

    private Reply always;

    List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    private synchronized Reply nextReply() {
        if (!script.isEmpty()) {
            return script.poll();
        }
        return always == null ? Reply.OK : always;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        form.put("_authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        requests.add(form);
        Reply reply = nextReply();
        if (reply == Reply.TRICKLE) {
            StubTiming.trickle(exchange, 200, "text/xml", closing);
            return;
        }
        if (reply == Reply.SLOW && StubTiming.pause(closing, slowness.toMillis())) {
            exchange.close();
            return;
        }
        String xml;
        int status;
        switch (reply) {
            case OK, SLOW -> {
                status = 200;
                xml = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult><MessageId>"
                        + UUID.randomUUID() + "</MessageId></PublishResult><ResponseMetadata><RequestId>"
                        + UUID.randomUUID() + "</RequestId></ResponseMetadata></PublishResponse>";
            }
            case THROTTLED -> {
                status = 400;
                xml = error("Sender", "Throttling", "Rate exceeded");
            }
            case INVALID_PARAMETER -> {
                status = 400;
                xml = error("Sender", "InvalidParameter", "Invalid parameter: PhoneNumber Reason: +999 is not valid");
            }
            default -> {
                status = 500;
                xml = error("Receiver", "InternalError", "We encountered an internal error");
            }
        }
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String error(String type, String code, String message) {
        return "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>" + type
                + "</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error><RequestId>"
                + UUID.randomUUID() + "</RequestId></ErrorResponse>";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
