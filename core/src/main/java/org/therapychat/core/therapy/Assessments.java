package org.therapychat.core.therapy;

import java.util.List;
import java.util.Map;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/** The surveys each participant owes per therapy session. */
public interface Assessments {
    /** In the order they were put; empty when none. */
    List<Assessment> find(TherapySessionId session, UserId participant);

    /** Every session's assessments of this participant. */
    Map<TherapySessionId, List<Assessment>> forParticipant(UserId participant);

    /** Replaces the participant's list for that session. */
    void put(TherapySessionId session, UserId participant, List<Assessment> assessments);
}
