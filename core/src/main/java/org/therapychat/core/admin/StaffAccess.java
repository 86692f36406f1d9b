package org.therapychat.core.admin;

import java.util.List;
import org.therapychat.core.audit.Actor;
import org.therapychat.core.audit.Audit;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.NotAllowed;

/**
 * Who may call the admin API: the bearer token (scripts) and logged-in staff. Anyone else is
 * refused, and the refusal is audited as {@code admin.refused} with the call as its target. Refusals
 * cost their senders nothing, so each sender has a budget a minute ({@link RefusalBudgets}): all
 * callers who name nobody (no or a wrong token, no login session) share
 * {@link #ANONYMOUS_REFUSALS_PER_MINUTE}, and each logged-in participant or therapist has
 * {@link #USER_REFUSALS_PER_MINUTE} of their own; the rest are counted under the same actor: an
 * entry when the count reaches 1, 2, 4, 8 … in that minute, and the exact count when the next
 * minute's first refusal comes. Thread-safe.
 */
public final class StaffAccess {
    /** The audit action of a refused admin call. */
    public static final String REFUSED = "admin.refused";
    /** How many refusals of anonymous callers are recorded one by one in a minute (the whole instance). */
    public static final int ANONYMOUS_REFUSALS_PER_MINUTE = 60;
    /** How many refusals of one logged-in user who is not staff are recorded one by one in a minute. */
    public static final int USER_REFUSALS_PER_MINUTE = 10;
    private static final RefusalBudgets.Caller ANONYMOUS = new RefusalBudgets.Caller(Actor.ANONYMOUS,
            ANONYMOUS_REFUSALS_PER_MINUTE, "anonymous refusals");
    private final Audit audit;
    private final Clock clock;
    private final RefusalBudgets budgets = new RefusalBudgets();

    /**
     * Records refusals in {@code audit}.
     *
     * @param audit the audit trail
     * @param clock tells the minute, for the budgets of refusals
     */
    public StaffAccess(Audit audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The staff caller as an actor; a participant or therapist gets {@link NotAllowed} (403), recorded
     * within their budget.
     *
     * @param caller the logged-in caller of an admin endpoint
     * @param call names the call for the audit, e.g. {@code PUT /admin/users/:userId}
     * @return the actor to record the call under
     * @throws NotAllowed if the caller is not staff
     */
    public Actor requireStaff(Caller caller, String call) {
        Actor actor = Actor.user(caller.id());
        if (!caller.user().isStaff()) {
            refused(new RefusalBudgets.Caller(actor, USER_REFUSALS_PER_MINUTE, "refusals"), call);
            throw new NotAllowed("Only research staff may use the admin API.");
        }
        return actor;
    }

    /**
     * Records a call refused before anyone was known (no or a wrong token, no login session).
     *
     * @param call names the call for the audit
     */
    public void refusedAnonymous(String call) {
        refused(ANONYMOUS, call);
    }

    /** How many callers' budgets are held in memory (those of the current minute). */
    int budgetsHeld() {
        synchronized (budgets) {
            return budgets.held();
        }
    }

    private void refused(RefusalBudgets.Caller caller, String call) {
        List<RefusalBudgets.Entry> entries;
        synchronized (budgets) {
            entries = budgets.charge(caller, call, clock.now().getEpochSecond() / 60);
        }
        entries.forEach(e -> audit.record(e.actor(), REFUSED, e.target(), "refused"));
    }
}
