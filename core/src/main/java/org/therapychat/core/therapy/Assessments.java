package org.therapychat.core.therapy;

import java.util.List;
import java.util.Map;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/** The surveys each participant owes per therapy session; shared by every app instance. */
public interface Assessments {
    /**
     * One participant's surveys for one session, in the order they were put; empty when none.
     *
     * @param session the therapy session
     * @param participant whose surveys
     * @return the surveys
     */
    List<Assessment> find(TherapySessionId session, UserId participant);

    /**
     * Every session's assessments of this participant.
     *
     * @param participant whose surveys
     * @return the surveys per therapy session; sessions without any are absent
     */
    Map<TherapySessionId, List<Assessment>> forParticipant(UserId participant);

    /**
     * Replaces the participant's list for that session.
     *
     * @param session the therapy session
     * @param participant whose surveys
     * @param assessments the new list, in order; empty removes them all
     */
    void put(TherapySessionId session, UserId participant, List<Assessment> assessments);

    /**
     * The surveys of several members of one session at once (a directory sync compares them all).
     *
     * @param session the therapy session
     * @param participants its members
     * @return each member's list, empty ones included
     */
    default Map<UserId, List<Assessment>> forMembers(TherapySessionId session, java.util.Collection<UserId> participants) {
        Map<UserId, List<Assessment>> out = new java.util.HashMap<>();
        participants.forEach(p -> out.put(p, find(session, p)));
        return out;
    }
}
