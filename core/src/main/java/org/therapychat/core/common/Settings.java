package org.therapychat.core.common;

import java.time.Duration;
import java.util.Objects;

/**
 * Every number of the rules in one place. Defaults are SPEC.md's; {@code app} reads overrides
 * from the environment, an embedder passes its own.
 *
 * @param otpResendInterval the least time between two codes to one phone with one identifier (SPEC §1.2,
 *     default 60 s)
 * @param otpMaxSendsPerHour codes per (phone, identifier) in any rolling hour, whether or not the pair
 *     matches anybody (default 3); it bounds the guesses at a login
 * @param otpMaxSendsPerPhonePerHour codes per phone in any rolling hour over every identifier typed with
 *     it, against SMS pumping (default 10)
 * @param loginStartsPerIpPerHour login starts per client IP per hour, against SMS pumping (default 10)
 * @param otpLifetime how long a sent code stays valid (default 10 min)
 * @param sessionIdleTimeout a login session without activity for this long expires (default 30 min)
 * @param sessionAbsoluteTimeout a login session expires this long after login, active or not (default 12 h)
 * @param sessionTouchGranularity "last activity" is written at most this often per session, so idle
 *     expiry is exact to within it; at least zero and below the idle timeout (default 60 s)
 * @param presenceLapse a present user that sees no poll for this long shows as away (SPEC §2, default 60 s)
 * @param absenceNoticeAfter an away user lapses, with a "has left" notice, after this long without a poll;
 *     a return before then announces nothing (SPEC §2, default 3 min; at least {@code presenceLapse})
 * @param pollInterval how often clients poll, told to them (default 5,000 ms)
 * @param sessionOverAfter a scheduled session this long past its start counts as over for the to-do
 *     count: its "post" assessments become due (default 12 h)
 * @param maxBodyLength the longest message body, in characters (default 4,000; at most
 *     {@link #MAX_STORABLE_BODY})
 * @param maxQueueLength the most actions in one sync queue (default 100)
 */
public record Settings(
        Duration otpResendInterval,
        int otpMaxSendsPerHour,
        int otpMaxSendsPerPhonePerHour,
        int loginStartsPerIpPerHour,
        Duration otpLifetime,
        Duration sessionIdleTimeout,
        Duration sessionAbsoluteTimeout,
        Duration sessionTouchGranularity,
        Duration presenceLapse,
        Duration absenceNoticeAfter,
        Duration pollInterval,
        Duration sessionOverAfter,
        int maxBodyLength,
        int maxQueueLength) {

    /** The longest body, in characters, every {@code ActionLog} must store (with its mentions). */
    public static final int MAX_STORABLE_BODY = 10_000;

    /**
     * Checks the values; see the class comment for what each means.
     *
     * @param otpResendInterval positive
     * @param otpMaxSendsPerHour at least 1
     * @param otpMaxSendsPerPhonePerHour at least 1
     * @param loginStartsPerIpPerHour at least 1
     * @param otpLifetime positive
     * @param sessionIdleTimeout positive
     * @param sessionAbsoluteTimeout positive
     * @param sessionTouchGranularity zero or more, below {@code sessionIdleTimeout}
     * @param presenceLapse positive
     * @param absenceNoticeAfter at least {@code presenceLapse}
     * @param pollInterval positive
     * @param sessionOverAfter positive
     * @param maxBodyLength 1 to {@link #MAX_STORABLE_BODY}
     * @param maxQueueLength at least 1
     * @throws IllegalArgumentException if a value is out of range
     * @throws NullPointerException if a duration is null
     */
    public Settings {
        requirePositive(otpResendInterval, "otpResendInterval");
        requirePositive(otpLifetime, "otpLifetime");
        requirePositive(sessionIdleTimeout, "sessionIdleTimeout");
        requirePositive(sessionAbsoluteTimeout, "sessionAbsoluteTimeout");
        Objects.requireNonNull(sessionTouchGranularity, "sessionTouchGranularity");
        requirePositive(presenceLapse, "presenceLapse");
        requirePositive(pollInterval, "pollInterval");
        Objects.requireNonNull(absenceNoticeAfter, "absenceNoticeAfter");
        if (absenceNoticeAfter.compareTo(presenceLapse) < 0) {
            throw new IllegalArgumentException("absenceNoticeAfter must be at least presenceLapse");
        }
        requirePositive(sessionOverAfter, "sessionOverAfter");
        if (otpMaxSendsPerHour < 1 || otpMaxSendsPerPhonePerHour < 1 || loginStartsPerIpPerHour < 1 || maxBodyLength < 1 || maxQueueLength < 1) {
            throw new IllegalArgumentException("limits must be at least 1");
        }
        if (maxBodyLength > MAX_STORABLE_BODY) {
            throw new IllegalArgumentException("maxBodyLength must be at most " + MAX_STORABLE_BODY + " (what the log stores)");
        }
        if (sessionTouchGranularity.isNegative() || sessionTouchGranularity.compareTo(sessionIdleTimeout) >= 0) {
            throw new IllegalArgumentException("sessionTouchGranularity must be between 0 and the idle timeout");
        }
    }

    /**
     * SPEC.md's numbers.
     *
     * @return the default settings
     */
    public static Settings defaults() {
        return new Settings(
                Duration.ofSeconds(60),
                3,
                10,
                10,
                Duration.ofMinutes(10),
                Duration.ofMinutes(30),
                Duration.ofHours(12),
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                Duration.ofMinutes(3),
                Duration.ofMillis(5000),
                Duration.ofHours(12),
                4000,
                100);
    }

    /**
     * A copy with another least time between two codes to one phone.
     *
     * @param value the new interval, positive
     * @return the changed copy
     */
    public Settings withOtpResendInterval(Duration value) {
        return new Settings(value, otpMaxSendsPerHour, otpMaxSendsPerPhonePerHour, loginStartsPerIpPerHour, otpLifetime, sessionIdleTimeout,
                sessionAbsoluteTimeout, sessionTouchGranularity, presenceLapse, absenceNoticeAfter, pollInterval, sessionOverAfter,
                maxBodyLength, maxQueueLength);
    }

    /**
     * A copy with another number of codes per phone per rolling hour.
     *
     * @param value the new limit, at least 1
     * @return the changed copy
     */
    public Settings withOtpMaxSendsPerHour(int value) {
        return new Settings(otpResendInterval, value, otpMaxSendsPerPhonePerHour, loginStartsPerIpPerHour, otpLifetime, sessionIdleTimeout,
                sessionAbsoluteTimeout, sessionTouchGranularity, presenceLapse, absenceNoticeAfter, pollInterval, sessionOverAfter,
                maxBodyLength, maxQueueLength);
    }

    /**
     * A copy with another cap on codes per phone per rolling hour, over every identifier.
     *
     * @param value the new cap, at least 1
     * @return the changed copy
     */
    public Settings withOtpMaxSendsPerPhonePerHour(int value) {
        return new Settings(otpResendInterval, otpMaxSendsPerHour, value, loginStartsPerIpPerHour, otpLifetime,
                sessionIdleTimeout, sessionAbsoluteTimeout, sessionTouchGranularity, presenceLapse, absenceNoticeAfter,
                pollInterval, sessionOverAfter, maxBodyLength, maxQueueLength);
    }

    /**
     * A copy with another number of login starts per client IP per hour.
     *
     * @param value the new limit, at least 1
     * @return the changed copy
     */
    public Settings withLoginStartsPerIpPerHour(int value) {
        return new Settings(otpResendInterval, otpMaxSendsPerHour, otpMaxSendsPerPhonePerHour, value, otpLifetime, sessionIdleTimeout,
                sessionAbsoluteTimeout, sessionTouchGranularity, presenceLapse, absenceNoticeAfter, pollInterval, sessionOverAfter,
                maxBodyLength, maxQueueLength);
    }

    /**
     * A copy with other login session timeouts.
     *
     * @param idle the new idle timeout, longer than {@link #sessionTouchGranularity()}
     * @param absolute the new absolute timeout, positive
     * @return the changed copy
     */
    public Settings withSessionTimeouts(Duration idle, Duration absolute) {
        return new Settings(otpResendInterval, otpMaxSendsPerHour, otpMaxSendsPerPhonePerHour, loginStartsPerIpPerHour, otpLifetime, idle,
                absolute, sessionTouchGranularity, presenceLapse, absenceNoticeAfter, pollInterval, sessionOverAfter,
                maxBodyLength, maxQueueLength);
    }

    /**
     * A copy with another poll interval told to clients.
     *
     * @param value the new interval, positive
     * @return the changed copy
     */
    public Settings withPollInterval(Duration value) {
        return new Settings(otpResendInterval, otpMaxSendsPerHour, otpMaxSendsPerPhonePerHour, loginStartsPerIpPerHour, otpLifetime,
                sessionIdleTimeout, sessionAbsoluteTimeout, sessionTouchGranularity, presenceLapse, absenceNoticeAfter, value,
                sessionOverAfter, maxBodyLength, maxQueueLength);
    }

    /**
     * A copy with another longest message or notice body.
     *
     * @param value 1 to {@link #MAX_STORABLE_BODY} characters
     * @return the changed copy
     */
    public Settings withMaxBodyLength(int value) {
        return new Settings(otpResendInterval, otpMaxSendsPerHour, otpMaxSendsPerPhonePerHour, loginStartsPerIpPerHour, otpLifetime,
                sessionIdleTimeout, sessionAbsoluteTimeout, sessionTouchGranularity, presenceLapse, absenceNoticeAfter, pollInterval,
                sessionOverAfter, value, maxQueueLength);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
