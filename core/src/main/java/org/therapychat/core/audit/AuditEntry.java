package org.therapychat.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit trail (SPEC §4): who ({@code token}, a staff user's id, or {@code system}
 * for demo data and an embedder), did what ({@code user.put}, {@code staff.login} …), to what, and
 * how it went ({@code ok}, {@code refused}, {@code invalid}, {@code not_found}).
 *
 * @param id position in the trail, positive, increasing in commit order
 * @param at when it was recorded
 * @param actor who did it
 * @param action what was done
 * @param target what it was done to
 * @param outcome how it went
 */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String outcome) {
    /** The longest actor, action, target or outcome kept, in characters; longer text is cut. */
    public static final int MAX_TEXT = 200;

    /**
     * Checks the entry and cuts over-long text to {@link #MAX_TEXT} characters.
     *
     * @param id positive
     * @param at not null
     * @param actor not null
     * @param action not null
     * @param target not null
     * @param outcome not null
     * @throws IllegalArgumentException if {@code id} is not positive
     */
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
