package org.therapychat.core.common;

import java.time.Duration;
import java.util.Objects;

/**
 * Every number of the rules in one place. Defaults are SPEC.md's; {@code app} reads overrides
 * from the environment, an embedder passes its own.
 */
public record Settings(
        Duration otpResendInterval,
        int otpMaxSendsPerHour,
        int loginStartsPerIpPerHour,
        Duration otpLifetime,
        Duration sessionIdleTimeout,
        Duration sessionAbsoluteTimeout,
        Duration sessionTouchGranularity,
        Duration presenceLapse,
        Duration pollInterval,
        Duration sessionOverAfter,
        int maxBodyLength,
        int maxQueueLength) {

    /** The longest body, in characters, every {@code ActionLog} must store (with its mentions). */
    public static final int MAX_STORABLE_BODY = 10_000;

    public Settings {
        requirePositive(otpResendInterval, "otpResendInterval");
        requirePositive(otpLifetime, "otpLifetime");
        requirePositive(sessionIdleTimeout, "sessionIdleTimeout");
        requirePositive(sessionAbsoluteTimeout, "sessionAbsoluteTimeout");
        Objects.requireNonNull(sessionTouchGranularity, "sessionTouchGranularity");
        requirePositive(presenceLapse, "presenceLapse");
        requirePositive(pollInterval, "pollInterval");
        requirePositive(sessionOverAfter, "sessionOverAfter");
        if (otpMaxSendsPerHour < 1 || loginStartsPerIpPerHour < 1 || maxBodyLength < 1 || maxQueueLength < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        if (maxBodyLength > MAX_STORABLE_BODY) {
            throw new IllegalArgumentException("maxBodyLength must be at most " + MAX_STORABLE_BODY + " (what the log stores)");
        }
        if (sessionTouchGranularity.isNegative() || sessionTouchGranularity.compareTo(sessionIdleTimeout) >= 0) {
            throw new IllegalArgumentException("sessionTouchGranularity must be between 0 and the idle timeout");
        }
    }

    public static Settings defaults() {
        return new Settings(
                Duration.ofSeconds(60),
                3,
                10,
                Duration.ofMinutes(10),
                Duration.ofMinutes(30),
                Duration.ofHours(12),
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                Duration.ofMillis(5000),
                Duration.ofHours(12),
                4000,
                100);
    }

    public Settings withOtpResendInterval(Duration value) {
        return new Settings(value, otpMaxSendsPerHour, loginStartsPerIpPerHour, otpLifetime, sessionIdleTimeout,
                sessionAbsoluteTimeout, sessionTouchGranularity, presenceLapse, pollInterval, sessionOverAfter,
                maxBodyLength, maxQueueLength);
    }

    public Settings withOtpMaxSendsPerHour(int value) {
        return new Settings(otpResendInterval, value, loginStartsPerIpPerHour, otpLifetime, sessionIdleTimeout,
                sessionAbsoluteTimeout, sessionTouchGranularity, presenceLapse, pollInterval, sessionOverAfter,
                maxBodyLength, maxQueueLength);
    }

    public Settings withLoginStartsPerIpPerHour(int value) {
        return new Settings(otpResendInterval, otpMaxSendsPerHour, value, otpLifetime, sessionIdleTimeout,
                sessionAbsoluteTimeout, sessionTouchGranularity, presenceLapse, pollInterval, sessionOverAfter,
                maxBodyLength, maxQueueLength);
    }

    public Settings withSessionTimeouts(Duration idle, Duration absolute) {
        return new Settings(otpResendInterval, otpMaxSendsPerHour, loginStartsPerIpPerHour, otpLifetime, idle,
                absolute, sessionTouchGranularity, presenceLapse, pollInterval, sessionOverAfter,
                maxBodyLength, maxQueueLength);
    }

    public Settings withPollInterval(Duration value) {
        return new Settings(otpResendInterval, otpMaxSendsPerHour, loginStartsPerIpPerHour, otpLifetime,
                sessionIdleTimeout, sessionAbsoluteTimeout, sessionTouchGranularity, presenceLapse, value,
                sessionOverAfter, maxBodyLength, maxQueueLength);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
