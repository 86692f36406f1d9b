package org.therapychat.redcap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A REDCap API on loopback, written from REDCap's documented behaviour: {@code POST} form-encoded
 * with {@code token} and {@code content}; {@code content=record} answers the flat export of a
 * longitudinal project (every row has every field, every value a string, {@code redcap_event_name},
 * {@code redcap_repeat_instrument} "" for a repeating event and {@code redcap_repeat_instance}),
 * filtered by {@code events[]} and {@code records[]}; {@code content=surveyLink} answers the URL as
 * text; {@code content=version} the version; a bad token is {@code 403 {"error":"You do not have
 * permissions to use the API"}}. Faults on demand: slow, down (500), HTML, {@code {"error":…}} on a
 * 200, a field removed from the project.
 */
public final class RedcapStub implements AutoCloseable {
    /** The token the stub accepts. */
    public static final String TOKEN = "0123456789ABCDEF0123456789ABCDEF";
    public static final String SESSION_EVENT = "therapy_session_arm_1";
    public static final String PERSON_EVENT = "participant_arm_2";
    public static final String ASSESSMENT_EVENT = "assessments_arm_2";
    public static final List<String> INSTRUMENTS = List.of("location", "gad7", "phq9", "followup");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** What the stub does with the next calls. */
    public enum Fault { NONE, DOWN, HTML, ERROR_ON_200, SLOW, HANG }

    static {
        // the JDK server writes headers and body apart: without TCP_NODELAY each small answer waits for
        // the client's delayed ACK (~40 ms on Linux loopback), a cost no real REDCap (Apache, nginx) has
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    /** The project's fields, in the template's order. */
    private final List<String> fields;
    private final List<Map<String, String>> rows = new ArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Fault fault = Fault.NONE;
    private volatile long slowMillis = 0;
    private volatile String droppedField;
    /** When set, what every survey link call answers (200, as text), e.g. a hostile address. */
    private volatile String linkAnswer;
    /** When positive, every record export is padded with this many bytes of whitespace (a huge answer). */
    private volatile int exportPadding;
    /** (record, event, instance) of every row, for survey links; rebuilt after a change. */
    private java.util.Set<String> instances;

    private RedcapStub(List<String> fields) {
        this.fields = List.copyOf(fields);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "redcap-stub");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/api/", this::handle);
        server.start();
    }

    /**
     * The original's template (the fields of {@code example-export.json}) with its example records,
     * the sessions moved to start 2 and 9 days after {@code now} in {@code zone}.
     */
    public static RedcapStub template(Instant now, ZoneId zone) {
        List<Map<String, String>> example = example();
        RedcapStub stub = new RedcapStub(new ArrayList<>(example.get(0).keySet()));
        for (Map<String, String> row : example) {
            if (row.get("record_id").equals("TS1")) {
                row.put("ts_start", TS.format(now.plusSeconds(2 * 86_400).atZone(zone)));
            } else if (row.get("record_id").equals("TS2")) {
                row.put("ts_start", TS.format(now.plusSeconds(9 * 86_400).atZone(zone)));
            }
            stub.rows.add(row);
        }
        return stub;
    }

    /** The template's fields and no records. */
    public static RedcapStub emptyTemplate() {
        return new RedcapStub(new ArrayList<>(example().get(0).keySet()));
    }

    private static List<Map<String, String>> example() {
        try (InputStream in = RedcapStub.class.getResourceAsStream("/redcap/example-export.json")) {
            return JSON.readValue(in, new TypeReference<List<LinkedHashMap<String, String>>>() { }).stream()
                    .map(r -> (Map<String, String>) new LinkedHashMap<>(r)).collect(java.util.stream.Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/");
    }

    // ---- the project -------------------------------------------------------------------------

    public synchronized RedcapStub person(String id, String displayName, String lastName, String phone, boolean therapist) {
        instances = null;
        removeRows(id, PERSON_EVENT);
        Map<String, String> row = blank(id, PERSON_EVENT, "");
        row.put("participant_display_name", displayName);
        row.put("participant_first_name", displayName);
        row.put("participant_last_name", lastName);
        row.put("participant_phone_number", phone);
        row.put("admin", therapist ? "1" : "0");
        row.put("participant_detail_complete", "2");
        rows.add(row);
        return this;
    }

    public synchronized RedcapStub session(String id, String title, String start, String therapist, String participants,
                                           String pre, String post) {
        instances = null;
        removeRows(id, SESSION_EVENT);
        Map<String, String> row = blank(id, SESSION_EVENT, "");
        row.put("ts_title", title);
        row.put("ts_topic", "Topic of " + title);
        row.put("ts_start", start);
        row.put("ts_therapist", therapist);
        row.put("ts_authorized_participants", participants);
        row.put("ts_pre_survey_list", pre);
        row.put("ts_post_survey_list", post);
        row.put("therapy_session_detail_complete", "2");
        rows.add(row);
        return this;
    }

    /** A new instance of the repeating assessment event for (person, session); every survey incomplete. */
    public synchronized RedcapStub instance(String person, String session) {
        instances = null;
        int next = (int) rows.stream().filter(r -> r.get("record_id").equals(person)
                && r.get("redcap_event_name").equals(ASSESSMENT_EVENT)).count() + 1;
        Map<String, String> row = blank(person, ASSESSMENT_EVENT, Integer.toString(next));
        row.put("assessment_ts_id", session);
        row.put("assessment_details_complete", "0");
        INSTRUMENTS.forEach(i -> row.put(i + "_complete", "0"));
        rows.add(row);
        return this;
    }

    /** Marks a survey of (person, session)'s instance complete (2), as a submitted survey does. */
    public synchronized RedcapStub complete(String person, String session, String instrument) {
        rows.stream().filter(r -> r.get("record_id").equals(person) && r.get("redcap_event_name").equals(ASSESSMENT_EVENT)
                && r.get("assessment_ts_id").equals(session)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instance")).put(instrument + "_complete", "2");
        return this;
    }

    /** Sets one field of a record's row on an event. */
    public synchronized RedcapStub set(String record, String event, String field, String value) {
        rows.stream().filter(r -> r.get("record_id").equals(record) && r.get("redcap_event_name").equals(event))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no row")).put(field, value);
        return this;
    }

    /** Deletes a record (all its rows), as "Delete record" in REDCap does. */
    public synchronized RedcapStub delete(String record) {
        instances = null;
        rows.removeIf(r -> r.get("record_id").equals(record));
        return this;
    }

    private void removeRows(String id, String event) {
        rows.removeIf(r -> r.get("record_id").equals(id) && r.get("redcap_event_name").equals(event));
    }

    private Map<String, String> blank(String id, String event, String instance) {
        Map<String, String> row = new LinkedHashMap<>();
        fields.forEach(f -> row.put(f, ""));
        row.put("record_id", id);
        row.put("redcap_event_name", event);
        row.put("redcap_repeat_instrument", "");
        row.put("redcap_repeat_instance", instance);
        return row;
    }

    // ---- faults and counts -------------------------------------------------------------------

    public RedcapStub fault(Fault f) {
        this.fault = f;
        return this;
    }

    public RedcapStub slow(long millis) {
        this.slowMillis = millis;
        this.fault = Fault.SLOW;
        return this;
    }

    /** Removes a field from the project (every export lacks it from now on). */
    public RedcapStub dropField(String field) {
        this.droppedField = field;
        return this;
    }

    /** Every survey link call answers this text (200) from now on. */
    public RedcapStub linkAnswer(String text) {
        this.linkAnswer = text;
        return this;
    }

    /** Every record export is padded with this many bytes of whitespace from now on. */
    public RedcapStub exportPadding(int bytes) {
        this.exportPadding = bytes;
        return this;
    }

    public int calls(String content) {
        return calls.getOrDefault(content, new AtomicInteger()).get();
    }

    public int calls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Every request body received, to check what the client sends (the token too). */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    // ---- the API -----------------------------------------------------------------------------

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            Map<String, List<String>> form = parse(body);
            String content = first(form, "content");
            calls.computeIfAbsent(content, c -> new AtomicInteger()).incrementAndGet();
            Fault f = fault;
            if (f == Fault.SLOW || f == Fault.HANG) {
                sleep(f == Fault.HANG ? 60_000 : slowMillis);
            }
            if (!x.getRequestMethod().equals("POST")) {
                send(x, 405, "application/json", "{\"error\":\"The API only accepts POST\"}");
            } else if (f == Fault.DOWN) {
                send(x, 500, "text/html", "<html><body><h1>500 Internal Server Error</h1></body></html>");
            } else if (f == Fault.HTML) {
                send(x, 200, "text/html; charset=UTF-8", "<!DOCTYPE html><html><head><title>REDCap</title></head><body>Log in</body></html>");
            } else if (!TOKEN.equals(first(form, "token"))) {
                send(x, 403, "application/json", "{\"error\":\"You do not have permissions to use the API\"}");
            } else if (f == Fault.ERROR_ON_200) {
                send(x, 200, "application/json", "{\"error\":\"The project is in maintenance mode\"}");
            } else if (content.equals("version")) {
                send(x, 200, "text/html; charset=UTF-8", "14.5.3");
            } else if (content.equals("record")) {
                String export = records(form);
                send(x, 200, "application/json", exportPadding > 0 ? export + " ".repeat(exportPadding) : export);
            } else if (content.equals("surveyLink")) {
                surveyLink(x, form);
            } else {
                send(x, 400, "application/json", "{\"error\":\"The value of the parameter \\\"content\\\" is not valid\"}");
            }
        }
    }

    private synchronized String records(Map<String, List<String>> form) throws IOException {
        List<String> events = listParam(form, "events");
        List<String> records = listParam(form, "records");
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> row : rows) {
            if ((events.isEmpty() || events.contains(row.get("redcap_event_name")))
                    && (records.isEmpty() || records.contains(row.get("record_id")))) {
                Map<String, String> copy = new LinkedHashMap<>(row);
                if (droppedField != null) {
                    copy.remove(droppedField);
                }
                out.add(copy);
            }
        }
        return JSON.writeValueAsString(out);
    }

    private synchronized void surveyLink(HttpExchange x, Map<String, List<String>> form) throws IOException {
        String record = first(form, "record");
        String instrument = first(form, "instrument");
        String instance = first(form, "repeat_instance");
        if (instances == null) {
            instances = new java.util.HashSet<>();
            rows.forEach(r -> instances.add(r.get("record_id") + "/" + r.get("redcap_event_name") + "/"
                    + r.get("redcap_repeat_instance")));
        }
        boolean exists = instances.contains(record + "/" + first(form, "event") + "/" + instance);
        if (linkAnswer != null && INSTRUMENTS.contains(instrument) && exists) {
            send(x, 200, "text/html; charset=UTF-8", linkAnswer);
            return;
        }
        if (!INSTRUMENTS.contains(instrument) || !exists) {
            send(x, 400, "application/json", "{\"error\":\"The record, instrument, event or instance does not exist\"}");
            return;
        }
        String code = Integer.toHexString((record + "/" + instrument + "/" + instance).hashCode()).toUpperCase();
        send(x, 200, "text/html; charset=UTF-8", "https://redcap.example.edu/surveys/?s=" + code);
    }

    private static List<String> listParam(Map<String, List<String>> form, String name) {
        List<String> out = new ArrayList<>();
        form.forEach((k, v) -> {
            if (k.equals(name) || k.startsWith(name + "[")) {
                out.addAll(v);
            }
        });
        return out;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> v = form.get(name);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    private static Map<String, List<String>> parse(String body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.computeIfAbsent(k, key -> new ArrayList<>()).add(v);
        }
        return form;
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
