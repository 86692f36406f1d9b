package org.therapychat.sms;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How SMS go out through SNS. Region and credentials come from the standard AWS chain unless
 * given; the endpoint override points the SDK at another SNS-speaking server. {@code sendDeadline}
 * bounds one send with all its attempts and backoffs, however slowly SNS answers.
 */
public record SnsSettings(Optional<String> region, Optional<String> endpoint, Optional<String> senderId,
                          Optional<String> originationNumber, int maxAttempts, Duration firstBackoff,
                          Duration sendDeadline) {
    public static final Duration DEFAULT_SEND_DEADLINE = Duration.ofSeconds(15);

    public SnsSettings(Optional<String> region, Optional<String> endpoint, Optional<String> senderId,
                       Optional<String> originationNumber, int maxAttempts, Duration firstBackoff) {
        this(region, endpoint, senderId, originationNumber, maxAttempts, firstBackoff, DEFAULT_SEND_DEADLINE);
    }

    public SnsSettings {
        Objects.requireNonNull(sendDeadline, "sendDeadline");
        if (sendDeadline.toMillis() < 1 || sendDeadline.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sendDeadline must be between 1 ms and 24 days");
        }
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(originationNumber, "originationNumber");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (endpoint.isPresent() && region.isEmpty()) {
            throw new IllegalArgumentException("an SNS endpoint override needs a region");
        }
    }

    public static SnsSettings defaults() {
        return new SnsSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 3,
                Duration.ofMillis(200));
    }

    public SnsSettings withSendDeadline(Duration value) {
        return new SnsSettings(region, endpoint, senderId, originationNumber, maxAttempts, firstBackoff, value);
    }
}
