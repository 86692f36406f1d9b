package org.therapychat.sms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process server on loopback that speaks Twilio's Messages API as documented: {@code POST
 * /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded, HTTP Basic with the account SID and
 * auth token (a wrong one gets Twilio's {@code 401} code 20003, another path its {@code 404}).
 * Records every request and answers what it is told, in order, then {@code 201} with a message
 * {@code sid}. Shipped in adapters-sms's test-jar so an app test can point {@code TWILIO_API_URL}
 * at it ({@link #apiUrl()}) and read the codes it got ({@link #bodiesTo}).
 */
public final class TwilioStub implements AutoCloseable {
    public static final String ACCOUNT_SID = "AC" + "0123456789abcdef".repeat(2);
    public static final String AUTH_TOKEN = "stub-auth-token-5f2b9c";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the stub received it: its path, {@code Authorization} header and form fields. */
    public record Request(String method, String path, String authorization, String contentType,
                          Map<String, String> form) {
        public String to() {
            return form.get("To");
        }

        public String body() {
            return form.get("Body");
        }
    }

    /** An answer: a status, an optional {@code Retry-After}, a JSON body, sent after a delay or a byte at a time. */
    public record Reply(int status, Optional<String> retryAfter, String json, Duration delay, boolean trickles) {
        public static Reply created() {
            return new Reply(201, Optional.empty(), null, Duration.ZERO, false);
        }

        /** 201 after {@code delay} (the stub stops waiting when closed). */
        public static Reply slow(Duration delay) {
            return new Reply(201, Optional.empty(), null, delay, false);
        }

        /** Headers at once, then one byte of the answer every 200 ms for up to 30 s: no single read times out. */
        public static Reply trickle() {
            return new Reply(201, Optional.empty(), null, Duration.ZERO, true);
        }

        public static Reply tooManyRequests(Optional<String> retryAfter) {
            return new Reply(429, retryAfter, errorJson(20429, "Too Many Requests", 429), Duration.ZERO, false);
        }

        public static Reply error(int status, int code, String message) {
            return new Reply(status, Optional.empty(), errorJson(code, message, status), Duration.ZERO, false);
        }

        public static Reply invalidTo() {
            return error(400, 21211, "Invalid 'To' Phone Number");
        }

        public static Reply serverError() {
            return error(500, 20500, "Internal Server Error");
        }
    }

    private final HttpServer server;
    private final String accountSid;
    private final String authToken;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger hangUps = new java.util.concurrent.atomic.AtomicInteger();
    private Reply always = Reply.created();

    public TwilioStub() throws IOException {
        this(ACCOUNT_SID, AUTH_TOKEN);
    }

    public TwilioStub(String accountSid, String authToken) throws IOException {
        this.accountSid = accountSid;
        this.authToken = authToken;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** What {@code TWILIO_API_URL} should be. */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next replies, in order; once used up every request gets {@link #alwaysReply the standing one}. */
    public synchronized void willReply(Reply... replies) {
        script.addAll(List.of(replies));
    }

    /** Every request from now on (after the scripted ones) gets this reply; at first it is {@code 201}. */
    public synchronized void alwaysReply(Reply reply) {
        always = reply;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The texts of the requests to this E.164 number, oldest first, whatever the stub answered. */
    public List<String> bodiesTo(String e164) {
        return requests.stream().filter(r -> e164.equals(r.to())).map(Request::body).toList();
    }

    /** The newest text to this number, waiting up to {@code timeout} for one. */
    public Optional<String> awaitBodyTo(String e164, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> bodies = bodiesTo(e164);
            if (!bodies.isEmpty()) {
                return Optional.of(bodies.get(bodies.size() - 1));
            }
            if (System.nanoTime() > end) {
                return Optional.empty();
            }
            Thread.sleep(20);
        }
    }

    /** How many trickling answers the client hung up on (it stopped waiting and closed the connection). */
    public int hangUps() {
        return hangUps.get();
    }

    private synchronized Reply nextReply() {
        return script.isEmpty() ? always : script.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), form(raw));
        requests.add(request);
        if (!request.method().equals("POST")
                || !request.path().equals("/2010-04-01/Accounts/" + accountSid + "/Messages.json")) {
            answer(exchange, Reply.error(404, 20404, "The requested resource was not found"), request);
            return;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(request.authorization())) {
            answer(exchange, Reply.error(401, 20003, "Authenticate"), request);
            return;
        }
        Reply reply = nextReply();
        if (reply.trickles()) {
            if (StubTiming.trickle(exchange, 201, "application/json", closing)) {
                hangUps.incrementAndGet();
            }
            return;
        }
        if (!reply.delay().isZero() && StubTiming.pause(closing, reply.delay().toMillis())) {
            exchange.close();
            return;
        }
        answer(exchange, reply, request);
    }

    private void answer(HttpExchange exchange, Reply reply, Request request) throws IOException {
        String json = reply.json() != null ? reply.json() : created(request);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply.retryAfter().ifPresent(v -> exchange.getResponseHeaders().add("Retry-After", v));
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String created(Request request) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("sid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        message.put("account_sid", accountSid);
        message.put("to", request.to());
        message.put("from", request.form().get("From"));
        message.put("messaging_service_sid", request.form().get("MessagingServiceSid"));
        message.put("body", request.body());
        message.put("status", "queued");
        return write(message);
    }

    private static String errorJson(int code, String message, int status) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        error.put("more_info", "https://www.twilio.com/docs/errors/" + code);
        error.put("status", status);
        return write(error);
    }

    private static String write(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a flat map always serialises", e);
        }
    }


    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
