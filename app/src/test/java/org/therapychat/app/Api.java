package org.therapychat.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** One browser's worth of HTTP against the app on loopback: its own cookie jar, JSON in and out. */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String base;
    private final CookieManager cookies;

    record Reply(int status, JsonNode json, String text, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode get(String field) {
            return json.get(field);
        }
    }

    Api(int port) {
        this(port, new CookieManager());
    }

    /** A client sharing {@code cookies} with others: one browser talking to several app instances. */
    Api(int port, CookieManager cookies) {
        this.base = "http://127.0.0.1:" + port;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The value of this browser's cookie {@code name}, for clients that speak raw sockets. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElseThrow();
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Reply get(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(b::header);
        return send(b);
    }

    Reply post(String path, String body) {
        return write("POST", path, body, Map.of());
    }

    Reply post(String path) {
        return write("POST", path, "", Map.of());
    }

    Reply put(String path, String body) {
        return write("PUT", path, body, Map.of());
    }

    /** A write as the real client makes it: JSON with the anti-CSRF header. */
    Reply write(String method, String path, String body, Map<String, String> extraHeaders) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("X-Requested-With", "TherapyChat");
        extraHeaders.forEach(b::header);
        return send(b);
    }

    Reply raw(HttpRequest.Builder request) {
        return send(request);
    }

    String base() {
        return base;
    }

    /** Opens {@code GET /api/live?ts=…} as this browser (its cookies), with extra handshake headers. */
    LiveClient live(String therapySession, Map<String, String> headers) {
        return LiveClient.open(http, base.replace("http://", "ws://") + "/api/live?ts=" + therapySession, headers);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (type.startsWith("application/json") && !response.body().isEmpty()) {
                json = JSON.readTree(response.body());
            }
            return new Reply(response.statusCode(), json, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
