package org.therapychat.core.therapy;

import java.time.Instant;
import java.util.Map;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * Who is in a therapy session's waiting room: entered, still there (their page asks again every few
 * seconds), not yet admitted. What tells the therapist "Ana is waiting" from "Ben is not here".
 */
public interface WaitingRoom {
    /**
     * Records that the participant is waiting at {@code at}. One last seen before {@code staleBefore}
     * had gone: they arrive afresh.
     *
     * @param session the therapy session
     * @param user the participant
     * @param at when they asked to enter
     * @param staleBefore an earlier visit last seen before this is over
     * @return {@code true} if this call made them arrive (they were not waiting)
     */
    boolean arrive(TherapySessionId session, UserId user, Instant at, Instant staleBefore);

    /**
     * The participant is no longer waiting (let in, or gone back to their sessions).
     *
     * @param session the therapy session
     * @param user the participant
     * @return {@code true} if they were waiting
     */
    boolean remove(TherapySessionId session, UserId user);

    /**
     * Who waits now: seen at or after {@code seenSince}, with when each arrived.
     *
     * @param session the therapy session
     * @param seenSince the oldest last visit that still counts
     * @return arrival time by participant
     */
    Map<UserId, Instant> waiting(TherapySessionId session, Instant seenSince);
}
