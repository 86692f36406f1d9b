package org.therapychat.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) on one browser's cookies: the frames it got, and how it closed. */
final class LiveClient implements WebSocket.Listener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;
    /** Set when the server refused the upgrade: its status and JSON body. */
    int refusedStatus;
    JsonNode refusedBody;

    static LiveClient open(HttpClient http, String url, Map<String, String> headers) {
        LiveClient client = new LiveClient();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        try {
            client.socket = builder.buildAsync(URI.create(url), client).join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof WebSocketHandshakeException refused)) {
                throw e;
            }
            client.refusedStatus = refused.getResponse().statusCode();
            Object body = refused.getResponse().body();
            try {
                client.refusedBody = body == null ? null : JSON.readTree(body.toString());
            } catch (java.io.IOException notJson) {
                client.refusedBody = null;
            }
        }
        return client;
    }

    boolean isOpen() {
        return socket != null && !closed.isDone();
    }

    /** The next frame within {@code seconds}, or null. */
    JsonNode next(double seconds) throws InterruptedException {
        return frames.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
    }

    /** The close code within {@code seconds}, or -1. */
    int closeCode(double seconds) {
        try {
            return closed.get((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a frame that is not JSON: " + partial, e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(1006);
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
