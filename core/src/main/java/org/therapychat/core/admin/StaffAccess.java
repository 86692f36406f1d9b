package org.therapychat.core.admin;

import org.therapychat.core.audit.Actor;
import org.therapychat.core.audit.Audit;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.common.DomainException.NotAllowed;

/**
 * Who may call the admin API: the bearer token (scripts) and logged-in staff. Anyone else is
 * refused, and the refusal is audited as {@code admin.refused} with the call as its target.
 */
public final class StaffAccess {
    /** The audit action of a refused admin call. */
    public static final String REFUSED = "admin.refused";
    private final Audit audit;

    /**
     * Records refusals in {@code audit}.
     *
     * @param audit the audit trail
     */
    public StaffAccess(Audit audit) {
        this.audit = audit;
    }

    /**
     * The staff caller as an actor; a participant or therapist gets {@link NotAllowed} (403), recorded.
     *
     * @param caller the logged-in caller of an admin endpoint
     * @param call names the call for the audit, e.g. {@code PUT /admin/users/P1}
     * @return the actor to record the call under
     * @throws NotAllowed if the caller is not staff
     */
    public Actor requireStaff(Caller caller, String call) {
        if (!caller.user().isStaff()) {
            audit.record(Actor.user(caller.id()), REFUSED, call, "refused");
            throw new NotAllowed("Only research staff may use the admin API.");
        }
        return Actor.user(caller.id());
    }

    /**
     * Records a call refused before anyone was known (no or a wrong token, no login session).
     *
     * @param call names the call for the audit
     */
    public void refusedAnonymous(String call) {
        audit.record(Actor.ANONYMOUS, REFUSED, call, "refused");
    }
}
