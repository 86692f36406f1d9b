package org.therapychat.core.therapy;

import org.therapychat.core.auth.Caller;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.TherapySessionId;

/**
 * Who may do what in a therapy session. Every use case asks here, so the rules live in one place.
 * Membership comes from the session, the role from the caller's user record (SPEC §4).
 */
public final class TherapyAccess {
    private final TherapySessions sessions;

    public TherapyAccess(TherapySessions sessions) {
        this.sessions = sessions;
    }

    /** A member of the session who has not been revoked: may read its detail. */
    public Membership requireMember(Caller caller, TherapySessionId id) {
        TherapySession session = sessions.find(id).orElseThrow(() -> new NotFound("No such therapy session."));
        Member member = session.member(caller.id()).orElseThrow(TherapyAccess::notAParticipant);
        if (member.revoked()) {
            throw new NotAllowed("revoked", "A therapist has removed you from this session.");
        }
        return new Membership(session, member, caller.user().isTherapist());
    }

    /** A member who entered this session (and, where admission is required, was admitted): may chat. */
    public Membership requireInChat(Caller caller, TherapySessionId id) {
        Membership m = requireMember(caller, id);
        if (!caller.session().isIn(id)) {
            throw new NotAllowed("not_entered", "Enter the session first.");
        }
        if (!m.mayChat()) {
            throw new NotAllowed("waiting_for_admission", "A therapist has not admitted you yet.");
        }
        return m;
    }

    public Membership requireTherapist(Caller caller, TherapySessionId id) {
        Membership m = requireMember(caller, id);
        if (!m.isTherapist()) {
            throw new NotAllowed("Only a therapist of this session may do that.");
        }
        return m;
    }

    static NotAllowed notAParticipant() {
        return new NotAllowed("You are not a participant of this session.");
    }

    /**
     * A session seen by one of its members. {@code isTherapist} is the caller's role from their user
     * record (read through the user cache that every instance drops on a change), never a copy.
     */
    public record Membership(TherapySession session, Member member, boolean isTherapist) {
        public boolean mayChat() {
            return isTherapist || member.admitted() || session.admission() == Admission.AUTO;
        }
    }
}
