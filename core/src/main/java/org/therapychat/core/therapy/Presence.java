package org.therapychat.core.therapy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * Who is in a therapy session's chat right now. Each change answers whether this call made it,
 * so that of two app instances only one announces a join or a leave.
 */
public interface Presence {
    /**
     * Records that the user was seen at {@code at}; true if they were not present before. Always written.
     *
     * @param session the therapy session
     * @param user the member seen
     * @param at when
     * @return {@code true} if this call made them present
     */
    boolean markPresent(TherapySessionId session, UserId user, Instant at);

    /**
     * A poll's "still here": as {@link #markPresent}, but a store may skip the write for a user it
     * wrote recently (answering false). An entry uses {@link #markPresent}, never this.
     *
     * @param session the therapy session
     * @param user the member who polled
     * @param at when
     * @return {@code true} if this call made them present
     */
    default boolean stillPresent(TherapySessionId session, UserId user, Instant at) {
        return markPresent(session, user, at);
    }

    /**
     * True if the user was present and this call removed them.
     *
     * @param session the therapy session
     * @param user the member who left
     * @return whether this call removed them
     */
    boolean remove(TherapySessionId session, UserId user);

    /**
     * Removes everyone last seen before {@code cutoff}; returns exactly those this call removed.
     *
     * @param session the therapy session
     * @param cutoff presences seen earlier lapse
     * @return the users who lapsed through this call
     */
    List<UserId> removeSeenBefore(TherapySessionId session, Instant cutoff);

    /**
     * Who of those present was last seen at or after {@code since}: the others are away (shown so to
     * the therapist) but not yet lapsed.
     *
     * @param session the therapy session
     * @param since the earliest last-seen time that counts as here
     * @return the members seen since then
     */
    Set<UserId> seenSince(TherapySessionId session, Instant since);

    /**
     * Who is present now, lapsed ones included until a sweep removes them.
     *
     * @param session the therapy session
     * @return the present members
     */
    Set<UserId> present(TherapySessionId session);
}
