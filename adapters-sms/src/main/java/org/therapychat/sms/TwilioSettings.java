package org.therapychat.sms;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How SMS go out through Twilio's Messages API: the account SID and auth token for HTTP Basic,
 * exactly one of a sending number ({@code From}) or a Messaging Service, and the API's base URL
 * (another Twilio-speaking server in tests). {@code sendDeadline} bounds one send with all its
 * attempts and waits; {@code attemptTimeout} bounds one attempt (so a hung one can be tried again
 * within the deadline) and {@code connectTimeout} its connection. {@link #toString()} never shows
 * the auth token.
 */
public record TwilioSettings(String accountSid, String authToken, Optional<String> from,
                             Optional<String> messagingServiceSid, URI apiUrl, int maxAttempts, Duration firstBackoff,
                             Duration attemptTimeout, Duration connectTimeout, Duration sendDeadline) {
    public static final URI DEFAULT_API_URL = URI.create("https://api.twilio.com");
    public static final Duration DEFAULT_SEND_DEADLINE = SnsSettings.DEFAULT_SEND_DEADLINE;
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");

    public TwilioSettings {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(messagingServiceSid, "messagingServiceSid");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(sendDeadline, "sendDeadline");
        if (!ACCOUNT_SID.matcher(accountSid).matches()) {
            throw new IllegalArgumentException("the Twilio account SID must be AC followed by 32 hexadecimal digits");
        }
        if (authToken.isBlank()) {
            throw new IllegalArgumentException("the Twilio auth token is missing");
        }
        if (from.isPresent() == messagingServiceSid.isPresent()) {
            throw new IllegalArgumentException("Twilio needs exactly one of a From number or a Messaging Service SID");
        }
        if (from.filter(String::isBlank).isPresent()) {
            throw new IllegalArgumentException("the Twilio From number is blank");
        }
        if (messagingServiceSid.filter(s -> !SERVICE_SID.matcher(s).matches()).isPresent()) {
            throw new IllegalArgumentException("the Twilio Messaging Service SID must be MG followed by 32 hexadecimal digits");
        }
        if (!("https".equals(apiUrl.getScheme()) || "http".equals(apiUrl.getScheme())) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("the Twilio API URL must be an http(s) URL such as " + DEFAULT_API_URL);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        for (Duration d : new Duration[] {attemptTimeout, connectTimeout, sendDeadline}) {
            if (d.toMillis() < 1 || d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Twilio timeouts must be between 1 ms and 24 days");
            }
        }
    }

    /** The defaults: 3 attempts from 200 ms of backoff, 10 s an attempt, 5 s to connect, 15 s a send. */
    public static TwilioSettings of(String accountSid, String authToken, Optional<String> from,
                                    Optional<String> messagingServiceSid) {
        return new TwilioSettings(accountSid, authToken, from, messagingServiceSid, DEFAULT_API_URL, 3,
                Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(5), DEFAULT_SEND_DEADLINE);
    }

    public TwilioSettings withApiUrl(URI value) {
        return new TwilioSettings(accountSid, authToken, from, messagingServiceSid, value, maxAttempts, firstBackoff,
                attemptTimeout, connectTimeout, sendDeadline);
    }

    public TwilioSettings withRetries(int attempts, Duration backoff) {
        return new TwilioSettings(accountSid, authToken, from, messagingServiceSid, apiUrl, attempts, backoff,
                attemptTimeout, connectTimeout, sendDeadline);
    }

    public TwilioSettings withDeadlines(Duration attempt, Duration send) {
        return new TwilioSettings(accountSid, authToken, from, messagingServiceSid, apiUrl, maxAttempts, firstBackoff,
                attempt, connectTimeout, send);
    }

    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + accountSid + ", authToken=…, from=" + from + ", messagingServiceSid="
                + messagingServiceSid + ", apiUrl=" + apiUrl + ", maxAttempts=" + maxAttempts + ", firstBackoff="
                + firstBackoff + ", attemptTimeout=" + attemptTimeout + ", connectTimeout=" + connectTimeout
                + ", sendDeadline=" + sendDeadline + "]";
    }
}
