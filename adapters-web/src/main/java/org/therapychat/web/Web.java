package org.therapychat.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Optional;
import javax.servlet.ServletRequest;
import javax.servlet.ServletRequestWrapper;
import java.util.Set;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import spark.Request;
import spark.Response;

/** What every route needs: JSON in and out, cookies, the caller, the client's address. */
public final class Web {
    public static final String SESSION_COOKIE = "tc_session";
    public static final String LOGIN_COOKIE = "tc_login";
    static final String STARTED_AT = "tc.startedAt";
    private static final String JSON_TYPE = "application/json;charset=utf-8";

    private final ObjectMapper json;
    private final AuthSessions auth;
    private final WebSettings settings;

    public Web(ObjectMapper json, AuthSessions auth, WebSettings settings) {
        this.json = json;
        this.auth = auth;
        this.settings = settings;
    }

    public WebSettings settings() {
        return settings;
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    public ObjectMapper mapper() {
        return json;
    }

    /** The request body as a JSON object with only the allowed fields. */
    JsonBody body(Request request, String... allowed) {
        return JsonBody.of(parse(request), "body", Set.of(allowed));
    }

    JsonNode parse(Request request) {
        MediaType.require(request, "application/json");
        JsonNode node;
        // SparkJava's request wrapper would first copy the whole body into an array of its own;
        // Jackson reads the container's stream instead (the size was checked before any route).
        ServletRequest raw = request.raw();
        ServletRequest container = raw instanceof ServletRequestWrapper wrapper ? wrapper.getRequest() : raw;
        try (InputStream body = container.getInputStream()) {
            node = json.readTree(body);
        } catch (IOException e) {
            // JsonProcessingException, and CharConversionException for bytes that are not UTF-8
            throw new ValidationFailed("body", "the body is not valid JSON");
        }
        if (node == null || node.isMissingNode()) {
            throw new ValidationFailed("body", "a JSON body is required");
        }
        return node;
    }

    /**
     * A route's JSON answer, with its length: Jetty then sends the whole response in one write
     * instead of a chunk and a terminating chunk.
     */
    byte[] send(Response response, int status, JsonNode body) {
        response.status(status);
        response.type(JSON_TYPE);
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            response.raw().setContentLength(bytes.length);
            return bytes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** An answer set as text by an exception handler (SparkJava's {@code Response.body} takes a string). */
    String sendText(Response response, int status, JsonNode body) {
        response.status(status);
        response.type(JSON_TYPE);
        return text(body);
    }

    String text(JsonNode body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The authenticated caller, or 401. */
    public Caller caller(Request request) {
        return auth.authenticate(token(request, SESSION_COOKIE)
                .orElseThrow(() -> new Unauthenticated("Please log in.")));
    }

    /** The authenticated caller of a call into the request's therapy session ({@code :tsId}). */
    public Caller callerIn(Request request) {
        return auth.authenticateIn(token(request, SESSION_COOKIE)
                .orElseThrow(() -> new Unauthenticated("Please log in.")), sessionId(request));
    }

    Optional<SecretToken> token(Request request, String cookie) {
        String value = request.cookie(cookie);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SecretToken(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A negative {@code maxAgeSeconds} makes a browser-session cookie; the server enforces the timeouts. */
    void setCookie(Response response, String name, String value, String path, long maxAgeSeconds) {
        response.raw().addHeader("Set-Cookie", name + "=" + value + "; Path=" + path
                + (maxAgeSeconds >= 0 ? "; Max-Age=" + maxAgeSeconds : "")
                + "; HttpOnly; SameSite=Strict" + (settings.cookieSecure() ? "; Secure" : ""));
    }

    void clearCookie(Response response, String name, String path) {
        setCookie(response, name, "", path, 0);
    }

    /**
     * The socket's peer, or behind a trusted proxy the last {@code X-Forwarded-For} hop over all the
     * header's lines: the address the proxy itself added, whatever a client wrote before it. A hop that
     * is not an IP address falls back to the socket's peer.
     */
    String clientAddress(Request request) {
        if (settings.trustedProxy()) {
            String last = null;
            for (String line : Collections.list(request.raw().getHeaders("X-Forwarded-For"))) {
                for (String hop : line.split(",")) {
                    if (!hop.isBlank()) {
                        last = hop.strip();
                    }
                }
            }
            if (last != null && IpAddress.isLiteral(last)) {
                return last;
            }
        }
        return request.ip();
    }

    static TherapySessionId sessionId(Request request) {
        try {
            return TherapySessionId.of(request.params(":tsId"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationFailed("tsId", "not a therapy session id");
        }
    }

    static UserId userId(String raw, String field) {
        try {
            return UserId.of(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ValidationFailed(field, field + " is not a user id");
        }
    }

    /** Nanoseconds since the request arrived (set by the server's first filter), or -1 if unknown. */
    static long elapsedNanos(Request request) {
        Object started = request.attribute(STARTED_AT);
        return started instanceof Long l ? System.nanoTime() - l : -1;
    }

    /** Microseconds since the request arrived, as the note's {@code serverTime}. */
    static double serverMicros(Request request) {
        long nanos = Math.max(0, elapsedNanos(request));
        return Math.round(nanos / 100.0) / 10.0;
    }
}
