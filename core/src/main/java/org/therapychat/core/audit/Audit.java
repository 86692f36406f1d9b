package org.therapychat.core.audit;

import java.util.List;
import java.util.function.Supplier;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.RowsInvalid;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.DomainException.ValidationFailed;

/** Records what was done to the audit trail, with the outcome of the call that did it. */
public final class Audit {
    public static final int MAX_PAGE = 1000;
    private final AuditTrail trail;
    private final Clock clock;

    public Audit(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /** For an embedder that keeps its own records: nothing is written. */
    public static Audit off() {
        return new Audit(null, null);
    }

    public void record(Actor actor, String action, String target, String outcome) {
        if (trail != null) {
            trail.append(clock.now(), actor.name(), action, target, outcome);
        }
    }

    /**
     * Runs {@code call} and records it with its outcome, a failed one too (a domain "no" is recorded
     * under its name); an infrastructure failure is recorded as {@code failed} when the trail itself
     * still answers.
     */
    public <T> T recorded(Actor actor, String action, String target, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (DomainException e) {
            recordFailure(actor, action, target, outcome(e), e);
            throw e;
        } catch (RuntimeException e) {
            recordFailure(actor, action, target, "failed", e);
            throw e;
        }
        record(actor, action, target, "ok");
        return result;
    }

    public void recorded(Actor actor, String action, String target, Runnable call) {
        recorded(actor, action, target, () -> {
            call.run();
            return null;
        });
    }

    /** Up to {@link #MAX_PAGE} entries after {@code afterId}, in id order. */
    public List<AuditEntry> after(long afterId) {
        if (trail == null) {
            return List.of();
        }
        return trail.after(Math.max(0, afterId), MAX_PAGE);
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
