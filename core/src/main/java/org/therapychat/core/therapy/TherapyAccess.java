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

    /**
     * Reads membership from {@code sessions}.
     *
     * @param sessions the therapy sessions
     */
    public TherapyAccess(TherapySessions sessions) {
        this.sessions = sessions;
    }

    /**
     * A member of the session who has not been revoked: may read its detail.
     *
     * @param caller the authenticated user
     * @param id the therapy session
     * @return the session as this member sees it
     * @throws NotFound if there is no such therapy session
     * @throws NotAllowed {@code not_allowed} for a non-member, {@code revoked} for a revoked member
     */
    public Membership requireMember(Caller caller, TherapySessionId id) {
        TherapySession session = sessions.find(id).orElseThrow(() -> new NotFound("No such therapy session."));
        Member member = session.member(caller.id()).orElseThrow(TherapyAccess::notAParticipant);
        if (member.revoked()) {
            throw new NotAllowed("revoked", "A therapist has removed you from this session.");
        }
        return new Membership(session, member, caller.user().isTherapist());
    }

    /**
     * A member who entered this session (and, where admission is required, was admitted): may chat.
     *
     * @param caller the authenticated user
     * @param id the therapy session
     * @return the session as this member sees it
     * @throws NotFound if there is no such therapy session
     * @throws NotAllowed as {@link #requireMember}, or {@code not_entered} when the caller's login
     *     session is not in it, or {@code waiting_for_admission}
     */
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

    /**
     * A therapist member of the session: may admit, revoke, end, write the whiteboard.
     *
     * @param caller the authenticated user
     * @param id the therapy session
     * @return the session as this therapist sees it
     * @throws NotFound if there is no such therapy session
     * @throws NotAllowed for anyone else, or as {@link #requireMember}
     */
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
     *
     * @param session the therapy session
     * @param member the caller's membership in it
     * @param isTherapist whether the caller is a therapist
     */
    public record Membership(TherapySession session, Member member, boolean isTherapist) {
        /**
         * Whether the member may chat: a therapist, an admitted participant, or anyone when admission is automatic.
         *
         * @return {@code true} if the member may take part in the chat
         */
        public boolean mayChat() {
            return isTherapist || member.admitted() || session.admission() == Admission.AUTO;
        }
    }
}
