package org.therapychat.core.login;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** How logins went since the start, for metrics: plain counters the app reads, nothing more. */
public final class LoginCounts {
    /** Why a login step was refused. */
    public enum Refusal {
        /** a per-phone or per-address limit was reached */
        TOO_MANY_CODES,
        /** a wrong, expired or superseded code */
        INVALID_CODE,
        /** a resend for a login that expired or never was */
        LOGIN_EXPIRED
    }

    private final LongAdder started = new LongAdder();
    private final LongAdder verified = new LongAdder();
    private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);

    LoginCounts() {
        for (Refusal r : Refusal.values()) {
            refused.put(r, new LongAdder());
        }
    }

    /**
     * Starts and resends that got past the limits (whether or not anybody matched).
     *
     * @return the count since the start
     */
    public long started() {
        return started.sum();
    }

    /**
     * Codes proved: logins that created a session.
     *
     * @return the count since the start
     */
    public long verified() {
        return verified.sum();
    }

    /**
     * Login steps refused for one reason.
     *
     * @param reason the reason
     * @return the count since the start
     */
    public long refused(Refusal reason) {
        return refused.get(reason).sum();
    }

    void countStarted() {
        started.increment();
    }

    void countVerified() {
        verified.increment();
    }

    void countRefused(Refusal reason) {
        refused.get(reason).increment();
    }
}
