package org.therapychat.sms;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How SMS go out through SNS. Region and credentials come from the standard AWS chain unless
 * given; the endpoint override points the SDK at another SNS-speaking server.
 */
public record SnsSettings(Optional<String> region, Optional<String> endpoint, Optional<String> senderId,
                          Optional<String> originationNumber, int maxAttempts, Duration firstBackoff) {
    public SnsSettings {
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
}
