package org.therapychat.core.common;

import java.time.Duration;
import java.util.List;

/**
 * The request-level failures of the domain. An adapter maps each variant to a status in one
 * place; nobody needs to parse a message. {@link #code()} is the stable machine-readable name.
 */
public abstract sealed class DomainException extends RuntimeException {
    private final String code;

    private DomainException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** No valid login session (or no pending login for a code). */
    public static final class Unauthenticated extends DomainException {
        public Unauthenticated(String message) {
            super("unauthenticated", message, null);
        }
    }

    /** The caller is known but may not do this; {@code code} says why (e.g. {@code session_ended}). */
    public static final class NotAllowed extends DomainException {
        public NotAllowed(String code, String message) {
            super(code, message, null);
        }

        public NotAllowed(String message) {
            this("not_allowed", message);
        }
    }

    /** A participant must first complete the listed "pre" assessments. */
    public static final class AssessmentsPending extends DomainException {
        private final List<String> assessments;

        public AssessmentsPending(List<String> assessments) {
            super("assessments_pending", "Please complete your surveys before entering the session.", null);
            this.assessments = List.copyOf(assessments);
        }

        public List<String> assessments() {
            return assessments;
        }
    }

    /** Too many SMS codes for this phone or client; try again after {@link #retryAfter()}. */
    public static final class TooManyCodes extends DomainException {
        private final Duration retryAfter;

        public TooManyCodes(Duration retryAfter) {
            super("too_many_codes", "Too many codes requested. Please wait before trying again.", null);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }

        /** Whole seconds, rounded up, never zero: what a client should wait. */
        public long retryAfterSeconds() {
            long seconds = (retryAfter.toMillis() + 999) / 1000;
            return Math.max(1, seconds);
        }
    }

    /** The code was wrong, expired, or there is no pending login: the user starts over. */
    public static final class InvalidCode extends DomainException {
        public InvalidCode(String message) {
            super("invalid_code", message, null);
        }
    }

    /** An input broke a rule; {@link #field()} names it. */
    public static final class ValidationFailed extends DomainException {
        private final String field;

        public ValidationFailed(String field, String message) {
            super("validation_failed", message, null);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Several rows of an upload (a roster CSV) broke rules; every one is named, and nothing was stored. */
    public static final class RowsInvalid extends DomainException {
        /** One broken rule: {@code line} 1 is the header, so the first data row is line 2. */
        public record Row(int line, String field, String message) {
        }

        private final List<Row> rows;

        public RowsInvalid(String message, List<Row> rows) {
            super("validation_failed", message, null);
            this.rows = List.copyOf(rows);
        }

        public List<Row> rows() {
            return rows;
        }
    }

    /** The thing asked for does not exist (or is not visible to the caller). */
    public static final class NotFound extends DomainException {
        public NotFound(String message) {
            super("not_found", message, null);
        }
    }

    /** An adapter's infrastructure (database, SMS provider) failed; the request may be retried. */
    public static final class PortFailure extends DomainException {
        public PortFailure(String message, Throwable cause) {
            super("unavailable", message, cause);
        }
    }
}
