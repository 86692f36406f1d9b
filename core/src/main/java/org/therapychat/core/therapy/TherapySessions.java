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
    /** What {@link #define} did. */
    enum Defined {
        /** The session did not exist and was created. */
        CREATED,
        /** The session existed and something the definition owns changed. */
        CHANGED,
        /** The session already was as defined. */
        UNCHANGED
    }

    /**
     * One session, possibly from a cache.
     *
     * @param id the therapy session
     * @return the session, or empty if there is none
     */
    Optional<TherapySession> find(TherapySessionId id);

    /**
     * As {@link #find}, but past any cache: for a check that must see every committed change.
     *
     * @param id the therapy session
     * @return the session as committed now, or empty if there is none
     */
    default Optional<TherapySession> findCurrent(TherapySessionId id) {
        return find(id);
    }

    /**
     * The sessions the user is a member of (revoked members included), in any order.
     *
     * @param user the member
     * @return the sessions, possibly empty
     */
    List<TherapySession> listForMember(UserId user);

    /**
     * Every session, in any order: for the staff console (a study has tens, not millions).
     *
     * @return all sessions
     */
    List<TherapySession> list();

    /**
     * Creates the session (scheduled, empty whiteboard, members as newcomers) or sets what the
     * definition owns: name, topic, date, admission, and the member list in its order — members
     * not listed leave, new ones join as newcomers, members who stay keep their state. Status and
     * whiteboard are left alone. Concurrent calls for one session run one after the other.
     *
     * @param definition what the admin call says
     * @return whether the session was created, changed or already so
     */
    Defined define(SessionDefinition definition);

    /**
     * Moves the status forward only (scheduled → open → ended; scheduled → ended); answers whether
     * this call changed it. So an "open" that raced an "end" cannot reopen the session.
     *
     * @param id the therapy session
     * @param status the new status
     * @return {@code true} if this call moved it
     */
    boolean setStatus(TherapySessionId id, SessionStatus status);

    /**
     * Replaces the whiteboard text.
     *
     * @param id the therapy session
     * @param text the new text, already checked
     */
    void setWhiteboard(TherapySessionId id, String text);

    /**
     * Replaces the state of one existing member; does nothing if the user is not a member.
     *
     * @param id the therapy session
     * @param member the member's new state
     */
    void updateMember(TherapySessionId id, Member member);
}
