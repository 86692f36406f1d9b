package org.therapychat.redcap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.therapychat.core.common.DomainException.DirectoryUnavailable;

/**
 * REDCap's documented API (SPEC §6): {@code POST} form-encoded to the API URL with {@code token},
 * {@code content}, {@code format=json} and {@code returnFormat=json}. Every failure — no answer
 * within the deadline, a non-2xx status, {@code {"error":…}}, HTML, anything not JSON — becomes a
 * {@link DirectoryUnavailable} whose reason never contains the token.
 */
public final class RedcapApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RedcapSettings settings;
    private final HttpClient http;
    private final AtomicLong calls = new AtomicLong();

    /** The largest answer read (an export of a big project is a few MB); a larger one is a failure. */
    public static final int MAX_ANSWER_BYTES = 64 << 20;
    private final int maxAnswerBytes;

    public RedcapApi(RedcapSettings settings) {
        this(settings, MAX_ANSWER_BYTES);
    }

    RedcapApi(RedcapSettings settings, int maxAnswerBytes) {
        this.settings = settings;
        this.maxAnswerBytes = maxAnswerBytes;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** API calls made since start (for /metrics and the calls-per-sync figure). */
    public long calls() {
        return calls.get();
    }

    /** {@code content=version}: REDCap's version, as a health check. */
    public String version() {
        return await(call(form("version"))).strip();
    }

    /**
     * {@code content=record&type=flat}: every row of the given events, or of one record.
     *
     * @param events the unique event names
     * @param record one record id, or null for all
     * @return the rows, every value a string
     */
    public List<Map<String, String>> exportRecords(List<String> events, String record) {
        Map<String, String> form = form("record");
        form.put("action", "export");
        form.put("type", "flat");
        form.put("rawOrLabel", "raw");
        form.put("exportSurveyFields", "false");
        form.put("exportDataAccessGroups", "false");
        for (int i = 0; i < events.size(); i++) {
            form.put("events[" + i + "]", events.get(i));
        }
        if (record != null) {
            form.put("records[0]", record);
        }
        String body = await(call(form));
        JsonNode rows = json(body);
        if (!rows.isArray()) {
            throw unavailable("REDCap's record export is not a JSON array");
        }
        List<Map<String, String>> out = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            if (!row.isObject()) {
                throw unavailable("REDCap's record export holds something other than rows");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                values.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            }
            out.add(values);
        }
        return out;
    }

    /**
     * {@code content=surveyLink}: a survey's URL for one record, instrument, event and instance,
     * started without waiting (the caller bounds how many run at once).
     */
    public CompletableFuture<String> surveyLink(String record, String instrument, String event, String instance) {
        Map<String, String> form = form("surveyLink");
        form.put("record", record);
        form.put("instrument", instrument);
        form.put("event", event);
        if (!instance.isEmpty()) {
            form.put("repeat_instance", instance);
        }
        return call(form).thenApply(body -> {
            String url = body.strip();
            if (url.startsWith("\"") && url.endsWith("\"") && url.length() > 1) {
                url = url.substring(1, url.length() - 1);
            }
            // what a participant's browser will open: a web address on one line, within the domain's 2,000 characters
            if (!url.startsWith("https://") && !url.startsWith("http://") || url.length() > MAX_LINK
                    || !url.chars().allMatch(c -> c > 32 && c != 127)) {
                throw new UnusableLink("REDCap's survey link for " + instrument + " is not a web address");
            }
            return url;
        });
    }

    /**
     * REDCap answered a survey link that no participant should be sent to (not an http(s) address on
     * one line of at most {@value #MAX_LINK} characters): a fact about that survey, not a failed call.
     */
    static final class UnusableLink extends RuntimeException {
        UnusableLink(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The longest survey link kept (the domain's limit for an assessment's URL). */
    static final int MAX_LINK = 2000;

    /** The answer, or the {@link DirectoryUnavailable} that failed it (never a wrapper). */
    static <T> T await(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private Map<String, String> form(String content) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", settings.token());
        form.put("content", content);
        form.put("format", "json");
        form.put("returnFormat", "json");
        return form;
    }

    private CompletableFuture<String> call(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(settings.apiUrl()).timeout(settings.callTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        calls.incrementAndGet();
        return http.sendAsync(request, info -> new Capped(maxAnswerBytes))
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw transport(failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
                    }
                    return answer(response);
                });
    }

    private String answer(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        // REDCap labels even its plain-text answers (a survey link, the version) text/html: the body tells
        boolean html = body.stripLeading().startsWith("<");
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            String error = html ? "" : errorText(body);
            throw unavailable("REDCap answered HTTP " + response.statusCode()
                    + (response.statusCode() == 403 ? " (the API token was refused or lacks the right)" : "")
                    + (error.isEmpty() ? "" : ": " + error));
        }
        if (html) {
            throw unavailable("REDCap answered HTML instead of JSON (REDCAP_API_URL must be the API's address, ending in /api/)");
        }
        String error = errorText(body);
        if (!error.isEmpty()) {
            throw unavailable("REDCap answered an error: " + error);
        }
        return body;
    }

    /** An answer read as UTF-8 text, refused (and the connection dropped) once it passes {@code max} bytes. */
    private final class Capped implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> text = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final long max;
        private java.util.concurrent.Flow.Subscription subscription;

        Capped(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<String> getBody() {
            return text;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<java.nio.ByteBuffer> items) {
            if (text.isDone()) {
                return;
            }
            for (java.nio.ByteBuffer b : items) {
                if (bytes.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    text.completeExceptionally(unavailable("REDCap's answer is larger than " + (max >> 20) + " MB"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable failure) {
            text.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            text.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    /** The text of {@code {"error":"…"}}, or "" when the body is not that. */
    private static String errorText(String body) {
        String trimmed = body.strip();
        if (!trimmed.startsWith("{")) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(trimmed);
            return node != null && node.has("error") ? node.get("error").asText() : "";
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private JsonNode json(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null) {
                throw unavailable("REDCap answered nothing");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw unavailable("REDCap answered something that is not JSON");
        }
    }

    private DirectoryUnavailable transport(Throwable failure) {
        if (failure instanceof DirectoryUnavailable known) {
            return known;
        }
        if (failure instanceof HttpTimeoutException) {
            return unavailable("REDCap did not answer within " + (failure instanceof java.net.http.HttpConnectTimeoutException
                    ? settings.connectTimeout().toSeconds() + " s (connecting)" : settings.callTimeout().toSeconds() + " s"));
        }
        if (failure instanceof IOException) {
            return unavailable("REDCap could not be reached (" + failure.getClass().getSimpleName() + ")");
        }
        return unavailable("calling REDCap failed (" + failure.getClass().getSimpleName() + ")");
    }

    /** A reason on one line, at most 300 characters, with the token blanked wherever it may echo. */
    private DirectoryUnavailable unavailable(String reason) {
        String line = reason.replace(settings.token(), "(token)").replaceAll("[\\r\\n\\t]+", " ");
        return new DirectoryUnavailable(line.length() > 300 ? line.substring(0, 300) + "…" : line);
    }
}
