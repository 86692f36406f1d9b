package org.therapychat.core.audit;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.RowsInvalid;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.Transactions;

/**
 * Records what was done to the audit trail (SPEC §4), with the outcome of the call that did it:
 * {@code ok}, {@code invalid}, {@code not_found}, {@code refused}, {@code failed}, or another
 * failure's {@link DomainException#code()}.
 */
public final class Audit {
    /** The most entries {@link #after} and {@link #newest} answer at once. */
    public static final int MAX_PAGE = 1000;
    /** How many entries a newest-first page holds when the reader does not say. */
    public static final int DEFAULT_PAGE = 100;
    private final AuditTrail trail;
    private final Clock clock;
    private final Transactions transactions;

    /**
     * An audit that writes to {@code trail}, each entry in the unit of work of the change it
     * records ({@link #recorded}).
     *
     * @param trail where entries are appended
     * @param clock stamps each entry
     * @param transactions makes a change and its entry one unit
     */
    public Audit(AuditTrail trail, Clock clock, Transactions transactions) {
        this.trail = trail;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * For an embedder that keeps its own records: nothing is written.
     *
     * @return an audit that records nothing and reads no entries
     */
    public static Audit off() {
        return new Audit(null, null, Transactions.none());
    }

    /**
     * Appends one entry, stamped now.
     *
     * @param actor who did it
     * @param action what was done, e.g. {@code user.put}
     * @param target what it was done to, e.g. a user id; cut to {@link AuditEntry#MAX_TEXT} characters
     * @param outcome how it went, e.g. {@code ok}
     */
    public void record(Actor actor, String action, String target, String outcome) {
        if (trail != null) {
            trail.append(clock.now(), actor.name(), action, target, outcome);
        }
    }

    /**
     * Runs {@code call} and records it with its outcome, a failed one too (a domain "no" is recorded
     * under its name); an infrastructure failure is recorded as {@code failed} when the trail itself
     * still answers. The call's writes and its {@code ok} entry are one unit of work: when the entry
     * cannot be appended, nothing the call wrote is kept and the caller gets the failure, so no
     * change is ever stored unaudited. A failure's entry is written after the call's writes were
     * taken back.
     *
     * @param <T> what the call answers
     * @param actor who makes the call
     * @param action what the call does, e.g. {@code session.export}
     * @param target what it acts on
     * @param call the work
     * @return what {@code call} answered
     */
    public <T> T recorded(Actor actor, String action, String target, Supplier<T> call) {
        try {
            return transactions.inOne(() -> {
                T result = call.get();
                record(actor, action, target, "ok");
                return result;
            });
        } catch (DomainException e) {
            recordFailure(actor, action, target, outcome(e), e);
            throw e;
        } catch (RuntimeException e) {
            recordFailure(actor, action, target, "failed", e);
            throw e;
        }
    }

    /**
     * Runs {@code call} and records it with its outcome, like {@link #recorded(Actor, String, String, Supplier)}.
     *
     * @param actor who makes the call
     * @param action what the call does
     * @param target what it acts on
     * @param call the work
     */
    public void recorded(Actor actor, String action, String target, Runnable call) {
        recorded(actor, action, target, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs {@code hint} once the recorded change open on this thread has committed (at once
     * outside one): for appends that only tell open chats to refetch, which must not hold a chat's
     * append order while the change still holds its rows (two such units stalled each other).
     *
     * @param hint e.g. appending {@code update_chat_details}
     */
    public void afterChange(Runnable hint) {
        transactions.afterCommit(hint);
    }

    /**
     * Up to {@link #MAX_PAGE} entries after {@code afterId}, in id order.
     *
     * @param afterId the last id the reader has; 0 (or less) for the first page
     * @return the next entries, empty when there are none or the audit is {@link #off()}
     */
    public List<AuditEntry> after(long afterId) {
        return after(afterId, MAX_PAGE);
    }

    /**
     * Up to {@code limit} entries after {@code afterId}, in id order: for a script that follows the trail.
     *
     * @param afterId the last id the reader has; 0 (or less) for the first page
     * @param limit from 1 to {@link #MAX_PAGE}
     * @return the next entries, empty when there are none or the audit is {@link #off()}
     * @throws ValidationFailed naming {@code limit} if it is out of range
     */
    public List<AuditEntry> after(long afterId, int limit) {
        checkLimit(limit);
        if (trail == null) {
            return List.of();
        }
        return trail.after(Math.max(0, afterId), limit);
    }

    /**
     * Up to {@code limit} entries newest first, older than {@code before} if given: for a reader who
     * starts with what happened last and pages back.
     *
     * @param before the oldest id the reader has (the last page's {@link AuditPage#nextBefore()}); empty for the newest
     * @param limit from 1 to {@link #MAX_PAGE}
     * @return the page, empty with nothing older when the audit is {@link #off()}
     * @throws ValidationFailed naming {@code limit} if it is out of range
     */
    public AuditPage newest(OptionalLong before, int limit) {
        checkLimit(limit);
        if (trail == null) {
            return new AuditPage(List.of(), OptionalLong.empty());
        }
        // one more than asked tells whether an older page exists
        List<AuditEntry> read = trail.before(before.orElse(Long.MAX_VALUE), limit + 1);
        if (read.size() <= limit) {
            return new AuditPage(read, OptionalLong.empty());
        }
        List<AuditEntry> page = read.subList(0, limit);
        return new AuditPage(page, OptionalLong.of(page.get(limit - 1).id()));
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ValidationFailed("limit", "limit must be a whole number from 1 to " + MAX_PAGE);
        }
    }

    private void recordFailure(Actor actor, String action, String target, String outcome, RuntimeException cause) {
        try {
            record(actor, action, target, outcome);
        } catch (RuntimeException auditFailed) {
            cause.addSuppressed(auditFailed);
        }
    }

    private static String outcome(DomainException e) {
        if (e instanceof ValidationFailed || e instanceof RowsInvalid) {
            return "invalid";
        }
        if (e instanceof NotFound) {
            return "not_found";
        }
        if (e instanceof NotAllowed || e instanceof Unauthenticated) {
            return "refused";
        }
        return e.code();
    }
}
