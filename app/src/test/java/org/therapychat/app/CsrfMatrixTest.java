package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12.2: the CSRF guard holds for every write route however its path is spelled, and a
 * non-canonical spelling never reaches a route (nor slips past the admin API's token check).
 */
class CsrfMatrixTest {
    private static final String TS = "/api/therapy-sessions/demo-week-1";
    private static final String ADMIN_TS = "/admin/therapy-sessions/demo-week-1";
    private static final String PWNED = "pwned-by-csrf";

    private record Write(String method, String path, String body) {
    }

    private static final List<Write> WRITES = List.of(
            new Write("POST", "/api/login/start", "{\"phone\":\"+1 650 555 0101\",\"identifier\":\"Smith\"}"),
            new Write("POST", "/api/login/resend", ""),
            new Write("POST", "/api/login/verify", "{\"code\":\"123456\"}"),
            new Write("POST", "/api/logout", ""),
            new Write("POST", TS + "/enter", ""),
            new Write("POST", TS + "/leave", ""),
            new Write("POST", TS + "/admit/P2", ""),
            new Write("POST", TS + "/revoke/P2", ""),
            new Write("PUT", TS + "/whiteboard", "{\"text\":\"" + PWNED + "\"}"),
            new Write("POST", TS + "/end", ""),
            new Write("POST", TS + "/actions/sync",
                    "{\"maxID\":0,\"actionQueue\":[{\"clientId\":\"c1\",\"type\":\"message\",\"body\":\"" + PWNED + "\"}]}"),
            new Write("POST", TS + "/actions",
                    "{\"actions\":[{\"clientId\":\"c2\",\"type\":\"message\",\"body\":\"" + PWNED + "\"}]}"),
            new Write("PUT", "/admin/users/P9",
                    "{\"role\":\"participant\",\"displayName\":\"" + PWNED + "\",\"phone\":\"+1 650 555 0199\",\"identifier\":\"X\"}"),
            new Write("PUT", "/admin/therapy-sessions/csrf-ts", "{\"name\":\"" + PWNED + "\",\"date\":\"" + Dates.hoursFromNow(2) + "\"}"),
            new Write("PUT", ADMIN_TS + "/assessments/P1",
                    "{\"assessments\":[{\"name\":\"" + PWNED + "\",\"due\":\"pre\",\"status\":\"incomplete\"}]}"),
            new Write("POST", ADMIN_TS + "/notices", "{\"body\":\"" + PWNED + "\"}"));

    /** The same path as the router might read it: empty, dot, encoded and parameter segments. */
    private static List<String> spellings(String path) {
        String first = path.substring(0, path.indexOf('/', 1));
        String rest = path.substring(first.length());
        return List.of(path, "/" + path, first + "/" + rest, "/." + path, first + "/." + rest, "/x/.." + path,
                first + "%2F" + rest.substring(1), first + "/%2e" + rest, first + ";x" + rest, path + ";x",
                first + "/%2E%2E" + path);
    }

    @Test
    void everyWriteRouteUnderEverySpellingNeedsTheHeaderAndOurOrigin() {
        try (RunningApp app = RunningApp.relaxed()) {
            CookieManager jar = new CookieManager();
            Api therapist = new Api(app.port(), jar);
            assertThat(app.start(therapist, "+1 650 555 0100", "Rivera").status()).isEqualTo(202);
            assertThat(therapist.post("/api/login/verify", "{\"code\":\"" + app.codeFor("+16505550100") + "\"}")
                    .status()).isEqualTo(200);
            assertThat(therapist.post(TS + "/enter").status()).isEqualTo(200);
            String cookies = cookieHeader(jar);
            long maxIdBefore = therapist.get(TS + "/actions?since=0").get("max_id").asLong();

            List<String> failures = new ArrayList<>();
            for (Write write : WRITES) {
                for (String spelling : spellings(write.path())) {
                    boolean canonical = spelling.equals(write.path());
                    Map<String, String> noHeader = new LinkedHashMap<>(Map.of("Cookie", cookies,
                            "Content-Type", "text/plain"));
                    Map<String, String> foreign = new LinkedHashMap<>(Map.of("Cookie", cookies,
                            "Content-Type", "application/json", "X-Requested-With", "x",
                            "Origin", "https://evil.example"));
                    Map<String, String> ours = new LinkedHashMap<>(Map.of("Cookie", cookies,
                            "Content-Type", "application/json", "X-Requested-With", "x",
                            "Origin", "http://127.0.0.1:" + app.port()));
                    expect(failures, app, write, spelling, noHeader, canonical ? 403 : 400);
                    expect(failures, app, write, spelling, foreign, canonical ? 403 : 400);
                    if (!canonical) {
                        expect(failures, app, write, spelling, ours, 400);
                    }
                }
            }
            assertThat(failures).isEmpty();

            assertThat(therapist.get("/api/me").status()).as("still logged in").isEqualTo(200);
            Api.Reply detail = therapist.get(TS);
            assertThat(detail.text()).doesNotContain(PWNED);
            assertThat(detail.get("status").asText()).isEqualTo("open");
            assertThat(therapist.get(TS + "/actions?since=0").get("max_id").asLong()).isEqualTo(maxIdBefore);
            Api.Reply export = therapist.get(ADMIN_TS + "/export",
                    Map.of("Authorization", "Bearer " + RunningApp.ADMIN_TOKEN));
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.text()).doesNotContain(PWNED);
            assertThat(therapist.get("/admin/therapy-sessions/csrf-ts/export",
                    Map.of("Authorization", "Bearer " + RunningApp.ADMIN_TOKEN)).status()).isEqualTo(404);
        }
    }

    /**
     * Issue 21 B.6: an {@code Authorization} header exempts a write from the CSRF guard only where the
     * route authenticates by that header (a bearer token on {@code /admin}); on the cookie routes a
     * cross-site page that can make the browser add {@code Authorization: Basic …} gains nothing.
     */
    @Test
    void anAuthorizationHeaderDoesNotExemptACookieAuthenticatedWrite() {
        try (RunningApp app = RunningApp.relaxed()) {
            Api therapist = loggedInTherapist(app);
            String cookies = "tc_session=" + therapist.cookie("tc_session");
            long maxIdBefore = therapist.get(TS + "/actions?since=0").get("max_id").asLong();
            List<String> failures = new ArrayList<>();
            for (Write write : WRITES) {
                if (write.path().startsWith("/admin")) {
                    continue;
                }
                for (String authorization : List.of("Basic dXNlcjpwYXNz", "Bearer " + RunningApp.ADMIN_TOKEN, "x")) {
                    expect(failures, app, write, write.path(), new LinkedHashMap<>(Map.of("Cookie", cookies,
                            "Content-Type", "text/plain", "Authorization", authorization,
                            "Origin", "https://evil.example")), 403);
                }
            }
            assertThat(failures).isEmpty();
            assertThat(therapist.get("/api/me").status()).as("still logged in").isEqualTo(200);
            assertThat(therapist.get(TS).text()).doesNotContain(PWNED);
            assertThat(therapist.get(TS + "/actions?since=0").get("max_id").asLong()).isEqualTo(maxIdBefore);
        }
    }

    /** Issue 21 B.6: a JSON body is read only when it says it is JSON; anything else is a 415 naming the header. */
    @Test
    void aJsonBodyNeedsTheJsonContentType() {
        try (RunningApp app = RunningApp.relaxed()) {
            Api therapist = loggedInTherapist(app);
            String body = "{\"text\":\"" + PWNED + "\"}";
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/jsonp", "text/json", "")) {
                Map<String, String> headers = type.isEmpty() ? Map.of() : Map.of("Content-Type", type);
                Api.Reply refused = rawWrite(therapist, "PUT", TS + "/whiteboard", body, headers);
                assertThat(refused.status()).as(type).isEqualTo(415);
                assertThat(refused.get("error").asText()).isEqualTo("unsupported_media_type");
                assertThat(refused.get("field").asText()).isEqualTo("Content-Type");
            }
            Api.Reply admin = rawWrite(therapist, "POST", ADMIN_TS + "/notices", "{\"body\":\"" + PWNED + "\"}",
                    Map.of("Content-Type", "text/plain", "Authorization", "Bearer " + RunningApp.ADMIN_TOKEN));
            assertThat(admin.status()).as("bearer call, text/plain").isEqualTo(415);
            assertThat(therapist.get(TS).text()).doesNotContain(PWNED);

            for (String type : List.of("application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8")) {
                Api.Reply stored = rawWrite(therapist, "PUT", TS + "/whiteboard", "{\"text\":\"ok\"}",
                        Map.of("Content-Type", type));
                assertThat(stored.status()).as(type).isEqualTo(200);
            }
            Api.Reply latin = rawWrite(therapist, "PUT", TS + "/whiteboard", "{\"text\":\"ok\"}",
                    Map.of("Content-Type", "application/json; charset=iso-8859-1"));
            assertThat(latin.status()).as("JSON is UTF-8").isEqualTo(415);
        }
    }

    private static Api loggedInTherapist(RunningApp app) {
        Api therapist = app.logIn("+1 650 555 0100", "Rivera");
        assertThat(therapist.post(TS + "/enter").status()).isEqualTo(200);
        return therapist;
    }

    /** A same-origin write with the anti-CSRF header and exactly the given other headers (no default Content-Type). */
    private static Api.Reply rawWrite(Api api, String method, String path, String body, Map<String, String> headers) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.base() + path))
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("X-Requested-With", "TherapyChat");
        headers.forEach(b::header);
        return api.raw(b);
    }

    private static void expect(List<String> failures, RunningApp app, Write write, String path,
                               Map<String, String> headers, int status) {
        String answer = send(app.port(), write.method(), path, headers, write.body());
        String line = answer.lines().findFirst().orElse("");
        boolean json = answer.contains("Content-Type: application/json");
        if (!line.startsWith("HTTP/1.1 " + status + " ") || !json) {
            failures.add(write.method() + " " + path + " " + headers.keySet() + " expected " + status + " got " + line);
        }
    }

    private static String cookieHeader(CookieManager jar) {
        StringBuilder header = new StringBuilder();
        for (HttpCookie cookie : jar.getCookieStore().getCookies()) {
            header.append(header.length() == 0 ? "" : "; ").append(cookie.getName()).append('=').append(cookie.getValue());
        }
        return header.toString();
    }

    /** The request exactly as written (no client library normalises the path). */
    static String send(int port, String method, String path, Map<String, String> headers, String body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
