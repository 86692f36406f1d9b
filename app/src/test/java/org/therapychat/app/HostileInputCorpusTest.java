package org.therapychat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A generated corpus of malformed and hostile requests — mutations of valid payloads — against
 * every endpoint: only 4xx JSON errors (or a success where the mutation happens to be valid),
 * the server healthy after, and nothing stored from a rejected action.
 */
class HostileInputCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TS = "/api/therapy-sessions/demo-week-1";
    private static final List<String> NAUGHTY = List.of("", " ", "null", "undefined", "\u202egnirts", "<script>alert(1)</script>",
            "' OR 1=1 --", "${jndi:ldap://127.0.0.1/x}", "%s%n%x", "../../../etc/passwd", "🙂".repeat(3000), "ＡＢＣ１２３",
            "\uFEFFbom", "NaN", "Infinity", "-0", "1e309", "\t\r\n", "x".repeat(5000), "\u0007bell", "P1\",\"admin\":true");
    private static final List<String> PATH_TRICKS = List.of("..", "%2e%2e", "..%2fadmin", "a%00b", "%25", "a%2Fb", "x".repeat(3000),
            "%C3%28", "%F0%9F%99%82", "P1;drop", "%20", "~root", "demo-week-1%0d%0aSet-Cookie:x=y");

    private record Template(String method, String path, String body, boolean asAdmin) {
    }

    @Test
    void aThousandHostileRequestsGetOnly4xxJsonAndStoreNothingRejected() throws Exception {
        try (RunningApp app = RunningApp.relaxed()) {
            Api ana = app.logIn("+1 650 555 0101", "Smith");
            ana.post(TS + "/enter");
            Api anonymous = app.client();
            List<Template> templates = templates();
            Random random = new Random(20261124);
            Set<String> acceptedClientIds = new HashSet<>();
            int sent = 0;
            int statusClasses[] = new int[6];
            for (int round = 0; sent < 1200; round++) {
                Template t = templates.get(round % templates.size());
                HttpRequest.Builder request = mutate(t, random, ana.base());
                Api caller = t.path().startsWith("/api/login") && round % 2 == 0 ? anonymous : ana;
                Api.Reply reply = caller.raw(request);
                sent++;
                statusClasses[reply.status() / 100]++;
                assertThat(reply.status()).as("%s %s -> %s", t.method(), t.path(), reply.text()).isLessThan(500);
                if (reply.status() >= 400) {
                    assertThat(reply.json()).as("%s %s errs in JSON: %s", t.method(), t.path(), reply.text()).isNotNull();
                    assertThat(reply.get("error").asText()).isNotBlank();
                }
                if (reply.status() == 200 && reply.json() != null && reply.json().has("accepted")) {
                    reply.get("accepted").forEach(a -> acceptedClientIds.add(a.get("clientId").asText()));
                }
            }
            System.out.printf("hostile corpus: %d requests, %d 2xx, %d 4xx, %d 5xx%n", sent, statusClasses[2],
                    statusClasses[4], statusClasses[5]);
            assertThat(app.client().get("/healthz").status()).isEqualTo(200);
            assertThat(ana.get("/api/me").status()).isEqualTo(200);
            Api.Reply export = app.client().get("/admin/therapy-sessions/demo-week-1/export", RunningAppAuth.ADMIN);
            for (JsonNode action : export.get("actions")) {
                if (action.has("clientId")) {
                    assertThat(acceptedClientIds).as("stored only if accepted").contains(action.get("clientId").asText());
                }
            }
        }
    }

    private static List<Template> templates() {
        String message = "{\"clientId\":\"c-1\",\"client_ts\":\"2026-11-24T17:00:00.000Z\",\"type\":\"message\","
                + "\"recipients\":[],\"body\":\"hello\",\"target\":null,\"character_history\":[\"h\"],\"time_to_complete\":\"5ms\"}";
        return List.of(
                new Template("POST", "/api/login/start", "{\"phone\":\"+1 650 555 0101\",\"identifier\":\"Smith\"}", false),
                new Template("POST", "/api/login/verify", "{\"code\":\"123456\"}", false),
                new Template("POST", "/api/login/resend", "", false),
                new Template("POST", TS + "/actions/sync", "{\"maxID\":0,\"actionQueue\":[" + message + "]}", false),
                new Template("POST", TS + "/actions", "{\"actions\":[" + message + "]}", false),
                new Template("GET", TS + "/actions?since=0", "", false),
                new Template("GET", TS, "", false),
                new Template("GET", TS + "/assessments?participant=P1", "", false),
                new Template("POST", TS + "/enter", "", false),
                new Template("PUT", TS + "/whiteboard", "{\"text\":\"Breathe\"}", false),
                new Template("POST", TS + "/admit/P2", "", false),
                new Template("PUT", "/admin/users/P50", "{\"role\":\"participant\",\"displayName\":\"Fuzz\","
                        + "\"phone\":\"+1 650 555 0150\",\"identifier\":\"Fuzz\"}", true),
                new Template("PUT", "/admin/therapy-sessions/fuzz", "{\"name\":\"Fuzz\",\"topic\":\"t\","
                        + "\"date\":\"" + Dates.hoursFromNow(168) + "\",\"members\":[\"P1\"],\"admission\":\"auto\"}", true),
                new Template("PUT", "/admin/therapy-sessions/demo-week-1/assessments/P2", "{\"assessments\":[{\"name\":\"a\","
                        + "\"due\":\"pre\",\"status\":\"complete\",\"url\":\"https://s.example/a\"}]}", true),
                new Template("POST", "/admin/therapy-sessions/demo-week-1/notices", "{\"body\":\"hello\"}", true),
                new Template("GET", "/admin/therapy-sessions/demo-week-1/export?format=csv", "", true));
    }

    private static HttpRequest.Builder mutate(Template t, Random random, String base) throws Exception {
        String path = t.path();
        byte[] body = t.body().getBytes(StandardCharsets.UTF_8);
        int kind = random.nextInt(10);
        if (kind <= 4 && !t.body().isEmpty()) {
            body = JSON.writeValueAsBytes(mutateTree(JSON.readTree(t.body()), random));
        } else if (kind == 5) {
            body = rawMutation(t.body(), random);
        } else if (kind == 6) {
            path = trickyPath(path, random);
        } else if (kind == 7) {
            body = ("{\"maxID\":0,\"actionQueue\":" + "[".repeat(3000) + "]".repeat(3000) + "}").getBytes(StandardCharsets.UTF_8);
        } else if (kind == 8 && !t.body().isEmpty()) {
            body = JSON.writeValueAsBytes(mutateTree(mutateTree(JSON.readTree(t.body()), random), random));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(t.method(), t.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", random.nextInt(8) == 0 ? "text/plain" : "application/json")
                .header("X-Requested-With", "TherapyChat");
        if (t.asAdmin()) {
            request.header("Authorization", "Bearer " + RunningApp.ADMIN_TOKEN);
        }
        return request;
    }

    /** Replaces, removes or adds one field somewhere in the tree. */
    private static JsonNode mutateTree(JsonNode root, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        if (objects.isEmpty()) {
            return root;
        }
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        String field = names.isEmpty() ? "extra" : names.get(random.nextInt(names.size()));
        switch (random.nextInt(12)) {
            case 0 -> target.remove(field);
            case 1 -> target.put("unexpected_" + random.nextInt(100), "surprise");
            case 2 -> target.put(field, random.nextLong());
            case 3 -> target.put(field, true);
            case 4 -> target.putNull(field);
            case 5 -> target.set(field, NODES.arrayNode().add(1).add("two"));
            case 6 -> target.set(field, NODES.objectNode().put("nested", "object"));
            case 7 -> target.put(field, NAUGHTY.get(random.nextInt(NAUGHTY.size())));
            case 8 -> target.put(field, new java.math.BigInteger("9".repeat(40)));
            case 9 -> target.put(field, -1);
            case 10 -> target.put(field, 1.5e300);
            default -> target.put(field, "\ud800 lone \udfff surrogates");
        }
        return root;
    }

    private static void collect(JsonNode node, List<ObjectNode> out) {
        if (node instanceof ObjectNode o) {
            out.add(o);
            Iterator<JsonNode> children = o.elements();
            children.forEachRemaining(c -> collect(c, out));
        } else if (node instanceof ArrayNode a) {
            a.forEach(c -> collect(c, out));
        }
    }

    private static byte[] rawMutation(String body, Random random) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(7)) {
            case 0 -> java.util.Arrays.copyOf(bytes, bytes.length / 2);
            case 1 -> concat(bytes, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
            case 2 -> body.replace("hello", "\u0000\u0001\u001f").getBytes(StandardCharsets.UTF_8);
            case 3 -> "not json at all".getBytes(StandardCharsets.UTF_8);
            case 4 -> ("{\"body\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 5 -> body.replace("hello", "\\ud800\\u0000").getBytes(StandardCharsets.UTF_8);
            default -> new byte[0];
        };
    }

    private static String trickyPath(String path, Random random) {
        String trick = PATH_TRICKS.get(random.nextInt(PATH_TRICKS.size()));
        if (path.contains("demo-week-1")) {
            return path.replace("demo-week-1", trick);
        }
        if (path.contains("P")) {
            return path.replaceFirst("P[0-9]+", trick);
        }
        return path + "/" + trick;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
