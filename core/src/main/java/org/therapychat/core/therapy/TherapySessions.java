package org.therapychat.core.therapy;

import java.util.List;
import java.util.Optional;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * Therapy sessions and their membership. An embedding platform may implement it over its own
 * records. Each change touches only what it names, as one atomic step, so concurrent changes
 * (an admin's PUT, a therapist's revoke or end) never undo each other.
 */
public interface TherapySessions {
    enum Defined { CREATED, CHANGED, UNCHANGED }

    Optional<TherapySession> find(TherapySessionId id);

    /** As {@link #find}, but past any cache: for a check that must see every committed change. */
    default Optional<TherapySession> findCurrent(TherapySessionId id) {
        return find(id);
    }

    /** The sessions the user is a member of (revoked members included), in any order. */
    List<TherapySession> listForMember(UserId user);

    /** Every session, in any order: for the staff console (a study has tens, not millions). */
    List<TherapySession> list();

    /**
     * Creates the session (scheduled, empty whiteboard, members as newcomers) or sets what the
     * definition owns: name, topic, date, admission, and the member list in its order — members
     * not listed leave, new ones join as newcomers, members who stay keep their state. Status and
     * whiteboard are left alone. Concurrent calls for one session run one after the other.
     */
    Defined define(SessionDefinition definition);

    /**
     * Moves the status forward only (scheduled → open → ended; scheduled → ended); answers whether
     * this call changed it. So an "open" that raced an "end" cannot reopen the session.
     */
    boolean setStatus(TherapySessionId id, SessionStatus status);

    void setWhiteboard(TherapySessionId id, String text);

    /** Replaces the state of one existing member; does nothing if the user is not a member. */
    void updateMember(TherapySessionId id, Member member);
}
