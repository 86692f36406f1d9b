package org.therapychat.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.SmsSender;

/**
 * Sends an SMS with Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json},
 * form-encoded, HTTP Basic with the account SID and auth token) on the JDK's HTTP client. A
 * {@code 2xx} is sent; {@code 429} is tried again after its {@code Retry-After} (or the backoff);
 * any other {@code 4xx} is a refusal, never retried: a number Twilio cannot text is the caller's
 * error, the rest a {@link PortFailure}; {@code 5xx}, timeouts and broken connections are tried
 * again with backoff. One send, every attempt and wait included, ends by the settings' deadline,
 * however slowly the answer trickles in. Neither the text, the full number nor the auth token is
 * ever logged or put in an exception.
 */
public final class TwilioSmsSender implements SmsSender {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioSmsSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Twilio's codes for a To number it cannot text (invalid, not mobile, unsubscribed, unreachable, region barred). */
    private static final Set<Integer> BAD_NUMBER = Set.of(21211, 21214, 21217, 21407, 21408, 21608, 21610, 21612,
            21614);

    private final HttpClient http;
    private final TwilioSettings settings;
    private final URI messages;
    private final String authorization;

    public TwilioSmsSender(HttpClient http, TwilioSettings settings) {
        this.http = http;
        this.settings = settings;
        String base = settings.apiUrl().toString().replaceAll("/+$", "");
        this.messages = URI.create(base + "/2010-04-01/Accounts/" + settings.accountSid() + "/Messages.json");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
    }

    /** A client of its own: HTTP/1.1, no redirects, the settings' connect timeout. */
    public static TwilioSmsSender create(TwilioSettings settings) {
        return new TwilioSmsSender(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(settings.connectTimeout()).build(), settings);
    }

    @Override
    public void send(PhoneNumber to, String text) {
        HttpRequest request = HttpRequest.newBuilder(messages).header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(to, text))).build();
        SendAttempts attempts = new SendAttempts(settings.maxAttempts(), settings.firstBackoff(), settings.sendDeadline());
        while (true) {
            Optional<Duration> left = attempts.next();
            if (left.isEmpty()) {
                LOG.warn("Twilio gave no answer for {} within {} ms ({} attempt(s))", to.masked(),
                        settings.sendDeadline().toMillis(), attempts.made());
                throw new PortFailure("The SMS provider did not answer in time.", null);
            }
            Optional<Duration> hint = Optional.empty();
            String problem;
            Exception cause = null;
            try {
                HttpResponse<String> answer = exchange(request, min(left.get(), settings.attemptTimeout()));
                int status = answer.statusCode();
                if (status / 100 == 2) {
                    LOG.info("SMS to {} accepted by Twilio as {}", to.masked(), field(answer.body(), "sid"));
                    return;
                }
                if (status != 429 && status / 100 == 4) {
                    throw refusal(to, status, answer.body());
                }
                if (status != 429 && status / 100 != 5) {
                    LOG.warn("Twilio answered {} for {}", status, to.masked());
                    throw new PortFailure("The SMS provider gave an unexpected answer.", null);
                }
                hint = status == 429 ? retryAfter(answer) : Optional.empty();
                problem = "HTTP " + status + hint.map(d -> ", Retry-After " + d.toSeconds() + " s").orElse("");
            } catch (TimeoutException e) {
                problem = "no answer within " + min(left.get(), settings.attemptTimeout()).toMillis() + " ms";
                cause = e;
            } catch (IOException e) {
                problem = e.getClass().getSimpleName();
                cause = e;
            }
            Optional<Duration> wait = attempts.waitBeforeRetry(hint);
            if (wait.isEmpty()) {
                LOG.warn("Twilio failed for {} after {} attempt(s): {}", to.masked(), attempts.made(), problem);
                throw new PortFailure("The SMS provider is not available.", cause);
            }
            LOG.info("Twilio attempt {} for {} failed ({}); retrying in {} ms", attempts.made(), to.masked(), problem,
                    wait.get().toMillis());
            SendAttempts.pause(wait.get());
        }
    }

    /** The whole exchange, body included, within {@code timeout}; a late one is cancelled. */
    private HttpResponse<String> exchange(HttpRequest request, Duration timeout) throws IOException, TimeoutException {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new PortFailure("Interrupted while sending the SMS.", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new PortFailure("The SMS provider could not be reached.", e.getCause());
        }
    }

    private RuntimeException refusal(PhoneNumber to, int status, String body) {
        String code = field(body, "code");
        LOG.warn("Twilio refused the SMS to {}: HTTP {}, code {}: {}", to.masked(), status, code,
                withoutNumbers(field(body, "message")));
        if (code.matches("\\d+") && BAD_NUMBER.contains(Integer.parseInt(code))) {
            return new ValidationFailed("phone", "This phone number cannot receive text messages.");
        }
        return new PortFailure("The SMS provider refused the message (Twilio code " + code + ").", null);
    }

    private String form(PhoneNumber to, String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("To", to.e164());
        settings.from().ifPresent(from -> fields.put("From", from));
        settings.messagingServiceSid().ifPresent(sid -> fields.put("MessagingServiceSid", sid));
        fields.put("Body", text);
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** {@code Retry-After} as seconds or an HTTP date; none, or one that cannot be read, leaves the backoff. */
    private static Optional<Duration> retryAfter(HttpResponse<?> answer) {
        Optional<String> value = answer.headers().firstValue("Retry-After").map(String::strip);
        try {
            if (value.filter(v -> v.matches("\\d{1,9}")).isPresent()) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.get())));
            }
            return value.map(v -> Duration.between(java.time.Instant.now(),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()))
                    .map(d -> d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A top-level field of Twilio's JSON answer as text, or {@code ?} when there is none. */
    private static String field(String body, String name) {
        try {
            JsonNode value = JSON.readTree(body).get(name);
            return value == null || value.isNull() ? "?" : value.asText();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Twilio's messages may quote the number ("The 'To' number +1555… is not valid"): one line, no runs of digits. */
    private static String withoutNumbers(String message) {
        String line = message.replaceAll("\\+?\\d[\\d ().-]{3,}\\d", "…").replaceAll("[\\r\\n\\t]", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
