package org.therapychat.core.chat;

import java.util.List;
import java.util.Optional;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * The append-only log of each therapy session's chat.
 *
 * <p>Ids increase in commit order: once a reader has seen id N, no action with a smaller id
 * appears later in that session. That is what lets a poller that passes back its {@code maxID}
 * never miss an action and never see one twice.
 */
public interface ActionLog {
    /**
     * Appends atomically. If the author already has an action with this clientId in this session, or
     * one with the same dedupe key in this session, stores nothing and answers that action's id (also when two
     * such appends race). Appending a {@link Action.Delete} marks its target deleted in the same step.
     *
     * @param session the therapy session whose log grows
     * @param action the validated action, with its author, audience and server timestamp
     * @return the id it got, or the earlier action's id with {@code duplicate} set
     * @throws NotAllowed {@code session_ended} for a client's action (one with an author) or a presence
     *         notice once the session's log is {@linkplain #close closed} ({@link NewAction#needsOpenChat}),
     *         judged under the same lock that orders appends
     */
    Appended append(TherapySessionId session, NewAction action);

    /**
     * Ends the session's chat: appends {@code closingNotice} and closes the log in one atomic step, so
     * no client action and no presence notice can get an id above the notice. Other server actions
     * still go in afterwards (post-session surveys change after the end).
     *
     * @param session the therapy session that ended
     * @param closingNotice the server's notice that the session ended
     * @return the notice's id, or empty (and nothing appended) when the log was already closed
     */
    Optional<ActionId> close(TherapySessionId session, NewAction closingNotice);

    /**
     * One action as stored, research data and deleted bodies included.
     *
     * @param session the therapy session
     * @param id the action's id
     * @return the action, or empty if this session's log has no such id
     */
    Optional<StoredAction> find(TherapySessionId session, ActionId id);

    /**
     * The id of the author's action with this clientId in this session (a clientId may recur elsewhere).
     *
     * @param session the therapy session
     * @param author the user who sent it
     * @param clientId the client's idempotency key
     * @return the stored action's id, or empty if none matches
     */
    Optional<ActionId> findByClientId(TherapySessionId session, UserId author, String clientId);

    /**
     * Up to {@code limit} actions with id greater than {@code afterId}, ascending, as stored.
     *
     * @param session the therapy session
     * @param afterId the highest id the reader has; 0 for the start
     * @param limit the most actions to answer
     * @return the actions, visible to anyone or not, research data included
     */
    List<StoredAction> readAfter(TherapySessionId session, long afterId, int limit);
}
