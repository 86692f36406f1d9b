package org.therapychat.core.chat;

import java.util.List;
import java.util.Optional;
import org.therapychat.core.common.ActionId;
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
     */
    Appended append(TherapySessionId session, NewAction action);

    Optional<StoredAction> find(TherapySessionId session, ActionId id);

    /** The id of the author's action with this clientId in this session (a clientId may recur elsewhere). */
    Optional<ActionId> findByClientId(TherapySessionId session, UserId author, String clientId);

    /** Up to {@code limit} actions with id greater than {@code afterId}, ascending, as stored. */
    List<StoredAction> readAfter(TherapySessionId session, long afterId, int limit);
}
