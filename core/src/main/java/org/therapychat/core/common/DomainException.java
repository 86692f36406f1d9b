package org.therapychat.core.common;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

/**
 * The request-level failures of the domain. An adapter maps each variant to a status in one
 * place; nobody needs to parse a message. {@link #code()} is the stable machine-readable name.
 */
public abstract sealed class DomainException extends RuntimeException {
    /** The stable machine-readable name, see {@link #code()}. */
    private final String code;

    private DomainException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /**
     * The stable machine-readable name of the failure, sent to clients as {@code "error"}.
     *
     * @return e.g. {@code invalid_code}, {@code not_allowed}, {@code validation_failed}
     */
    public String code() {
        return code;
    }

    /** No valid login session (or no pending login for a code). */
    public static final class Unauthenticated extends DomainException {
        /**
         * Creates the failure.
         *
         * @param message says what was missing, for the client
         */
        public Unauthenticated(String message) {
            super("unauthenticated", message, null);
        }
    }

    /** The caller is known but may not do this; {@code code} says why (e.g. {@code session_ended}). */
    public static final class NotAllowed extends DomainException {
        /**
         * Creates the failure with a specific code.
         *
         * @param code the machine-readable reason, e.g. {@code session_ended} or {@code revoked}
         * @param message a sentence for the user
         */
        public NotAllowed(String code, String message) {
            super(code, message, null);
        }

        /**
         * Creates the failure with the code {@code not_allowed}.
         *
         * @param message a sentence for the user
         */
        public NotAllowed(String message) {
            this("not_allowed", message);
        }
    }

    /** A participant must first complete the listed "pre" assessments. */
    public static final class AssessmentsPending extends DomainException {
        /** The names of the pending "pre" assessments. */
        private final List<String> assessments;

        /**
         * Creates the failure.
         *
         * @param assessments the names of the incomplete "pre" assessments; copied
         */
        public AssessmentsPending(List<String> assessments) {
            super("assessments_pending", "Please complete your surveys before entering the session.", null);
            this.assessments = List.copyOf(assessments);
        }

        /**
         * The assessments to complete first.
         *
         * @return the names of the pending "pre" assessments, unmodifiable
         */
        public List<String> assessments() {
            return assessments;
        }
    }

    /** Too many SMS codes for this phone or client; try again after {@link #retryAfter()}. */
    public static final class TooManyCodes extends DomainException {
        /** How long until the next code may be sent. */
        private final Duration retryAfter;

        /**
         * Creates the failure.
         *
         * @param retryAfter how long until the next code may be sent
         */
        public TooManyCodes(Duration retryAfter) {
            super("too_many_codes", "Too many codes requested. Please wait before trying again.", null);
            this.retryAfter = retryAfter;
        }

        /**
         * How long until the next code may be sent.
         *
         * @return the exact wait, as computed from the rate limits
         */
        public Duration retryAfter() {
            return retryAfter;
        }

        /**
         * The wait to put into {@code retryAfterSeconds} and the {@code Retry-After} header.
         *
         * @return whole seconds, rounded up, never zero
         */
        public long retryAfterSeconds() {
            long seconds = (retryAfter.toMillis() + 999) / 1000;
            return Math.max(1, seconds);
        }
    }

    /** The code was wrong, expired, or there is no pending login: the user starts over. */
    public static final class InvalidCode extends DomainException {
        /** How many more codes the login's (phone, identifier) may have this hour, when known. */
        private final OptionalInt codesLeft;

        /**
         * Creates the failure when no pending login was found, so no budget is known.
         *
         * @param message a sentence for the user
         */
        public InvalidCode(String message) {
            this(message, OptionalInt.empty());
        }

        /**
         * Creates the failure.
         *
         * @param message a sentence for the user
         * @param codesLeft how many more codes may be sent this hour for the login's phone and
         *     identifier, or empty when unknown
         */
        public InvalidCode(String message, OptionalInt codesLeft) {
            super("invalid_code", message, null);
            this.codesLeft = codesLeft;
        }

        /**
         * How many more codes starting over may bring this hour (SPEC §1.3 {@code codesLeft}).
         *
         * @return zero or more, or empty when the login was not found
         */
        public OptionalInt codesLeft() {
            return codesLeft;
        }
    }

    /** An input broke a rule; {@link #field()} names it. */
    public static final class ValidationFailed extends DomainException {
        /** The name of the input field that broke a rule. */
        private final String field;

        /**
         * Creates the failure.
         *
         * @param field the name of the offending input field, as the client sent it (e.g. {@code recipients})
         * @param message what is wrong with it
         */
        public ValidationFailed(String field, String message) {
            super("validation_failed", message, null);
            this.field = field;
        }

        /**
         * The input field that broke a rule.
         *
         * @return the field's name, as the client sent it
         */
        public String field() {
            return field;
        }
    }

    /** Several rows of an upload (a roster CSV) broke rules; every one is named, and nothing was stored. */
    public static final class RowsInvalid extends DomainException {
        /**
         * One broken rule: {@code line} 1 is the header, so the first data row is line 2.
         *
         * @param line the line number in the upload, counting the header as 1
         * @param field the column that broke the rule
         * @param message what is wrong with it
         */
        public record Row(int line, String field, String message) {
        }

        /** Every broken rule, in the order found. */
        private final List<Row> rows;

        /**
         * Creates the failure.
         *
         * @param message a summary for the user
         * @param rows every broken rule found; copied
         */
        public RowsInvalid(String message, List<Row> rows) {
            super("validation_failed", message, null);
            this.rows = List.copyOf(rows);
        }

        /**
         * Every broken rule of the upload.
         *
         * @return the rows, in the order found, unmodifiable
         */
        public List<Row> rows() {
            return rows;
        }
    }

    /** The thing asked for does not exist (or is not visible to the caller). */
    public static final class NotFound extends DomainException {
        /**
         * Creates the failure.
         *
         * @param message says what was not found
         */
        public NotFound(String message) {
            super("not_found", message, null);
        }
    }

    /** An adapter's infrastructure (database, SMS provider) failed; the request may be retried. */
    public static final class PortFailure extends DomainException {
        /**
         * Creates the failure.
         *
         * @param message says what failed, for logs and the client
         * @param cause the infrastructure's own exception, kept for the log
         */
        public PortFailure(String message, Throwable cause) {
            super("unavailable", message, cause);
        }
    }

    /**
     * A write to a user or therapy session that an external directory (a research platform) owns:
     * it is edited there, and the next sync would undo a change made here.
     */
    public static final class ManagedElsewhere extends DomainException {
        /** The directory's name as shown to people. */
        private final String source;

        /**
         * Names what was refused.
         *
         * @param source the directory's name as shown to people, e.g. {@code REDCap}; the error code
         *     is {@code managed_by_} and its lower-case form
         * @param what the record, e.g. {@code User 2}
         */
        public ManagedElsewhere(String source, String what) {
            this(source, what + " is managed by " + source + ": edit it there.", true);
        }

        private ManagedElsewhere(String source, String message, boolean unused) {
            super("managed_by_" + source.toLowerCase(java.util.Locale.ROOT), message, null);
            this.source = source;
        }

        /**
         * Several records at once, e.g. the rows of a roster.
         *
         * @param source the directory's name as shown to people
         * @param ids the records refused
         * @return the refusal, naming at most ten of them
         */
        public static ManagedElsewhere all(String source, java.util.List<String> ids) {
            String named = String.join(", ", ids.subList(0, Math.min(10, ids.size())))
                    + (ids.size() > 10 ? " and " + (ids.size() - 10) + " more" : "");
            return new ManagedElsewhere(source, "Managed by " + source + " (edit them there): " + named
                    + ". Nothing was changed.", true);
        }

        /**
         * The directory that owns the record.
         *
         * @return its name as shown to people
         */
        public String source() {
            return source;
        }
    }

    /**
     * The external directory could not be read (down, slow, refusing, answering something else than
     * expected). The reason is for staff and the log: it never carries a credential.
     */
    public static final class DirectoryUnavailable extends DomainException {
        /**
         * Says why.
         *
         * @param reason what went wrong, in a line, without secrets
         */
        public DirectoryUnavailable(String reason) {
            super("directory_unavailable", reason, null);
        }
    }
}
