package org.therapychat.core.admin;

import org.therapychat.core.audit.Actor;
import org.therapychat.core.audit.Audit;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.NotAllowed;

/**
 * Who may call the admin API: the bearer token (scripts) and logged-in staff. Anyone else is
 * refused, and the refusal is audited as {@code admin.refused} with the call as its target. A
 * refusal that names nobody (no or a wrong token, no login session) costs its sender nothing, so
 * at most {@link #ANONYMOUS_REFUSALS_PER_MINUTE} of them are recorded a minute; the rest are
 * counted: an entry when the count reaches 1, 2, 4, 8 … in that minute, and the exact count when the
 * next minute's first refusal comes. Thread-safe.
 */
public final class StaffAccess {
    /** The audit action of a refused admin call. */
    public static final String REFUSED = "admin.refused";
    /** How many refusals of anonymous callers are recorded one by one in a minute (the whole instance). */
    public static final int ANONYMOUS_REFUSALS_PER_MINUTE = 60;
    private final Audit audit;
    private final Clock clock;
    private long minute = Long.MIN_VALUE;
    private int recordedThisMinute;
    private long notRecorded;

    /**
     * Records refusals in {@code audit}.
     *
     * @param audit the audit trail
     * @param clock tells the minute, for the limit on anonymous refusals
     */
    public StaffAccess(Audit audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
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
        long skippedBefore;
        long overSoFar = 0;
        boolean record;
        synchronized (this) {
            long now = clock.now().getEpochSecond() / 60;
            skippedBefore = 0;
            if (now != minute) {
                // the exact count of the minute before, unless its last entry already said it
                skippedBefore = Long.bitCount(notRecorded) == 1 ? 0 : notRecorded;
                minute = now;
                recordedThisMinute = 0;
                notRecorded = 0;
            }
            record = recordedThisMinute < ANONYMOUS_REFUSALS_PER_MINUTE;
            if (record) {
                recordedThisMinute++;
            } else {
                notRecorded++;
                // at 1, 2, 4, 8 … over the limit: a flood that stops is in the trail within a factor of
                // two, without waiting for a later refusal, in at most 63 entries a minute
                if (Long.bitCount(notRecorded) == 1) {
                    overSoFar = notRecorded;
                }
            }
        }
        if (skippedBefore > 0) {
            audit.record(Actor.ANONYMOUS, REFUSED, skippedBefore + " more anonymous refusals not recorded", "refused");
        }
        if (record) {
            audit.record(Actor.ANONYMOUS, REFUSED, call, "refused");
        } else if (overSoFar > 0) {
            audit.record(Actor.ANONYMOUS, REFUSED, overSoFar + " anonymous refusals over the limit this minute", "refused");
        }
    }
}
