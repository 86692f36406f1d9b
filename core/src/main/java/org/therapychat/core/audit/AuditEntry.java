package org.therapychat.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit trail (SPEC §4): who ({@code token}, a staff user's id, or {@code system}
 * for demo data and an embedder), did what ({@code user.put}, {@code staff.login} …), to what, and
 * how it went ({@code ok}, {@code refused}, {@code invalid}, {@code not_found}).
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String outcome) {
    public static final int MAX_TEXT = 200;

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        if (id <= 0) {
            throw new IllegalArgumentException("an audit entry's id is positive");
        }
        actor = clip(actor);
        action = clip(action);
        target = clip(target);
        outcome = clip(outcome);
    }

    /** Targets come from request paths: long ones are cut rather than refused, so a refusal is still recorded. */
    static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
