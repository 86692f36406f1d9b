package org.therapychat.core.chat;

import org.therapychat.core.common.ActionId;

/**
 * What became of one queued action: a value, not an exception, so the rest of the queue goes on.
 * {@code index} is the action's position in its queue, so a client that sends no clientId (the
 * original note's example) can still match answers to actions; {@code clientId} is null then.
 */
public sealed interface ActionOutcome {
    int index();

    String clientId();

    record Accepted(int index, String clientId, ActionId id) implements ActionOutcome {
    }

    /**
     * @param field the offending field, or null when the action as a whole is refused
     * @param error a stable code, e.g. {@code invalid_field}, {@code type_not_allowed}, {@code session_ended}
     */
    record Rejected(int index, String clientId, String field, String error, String message) implements ActionOutcome {
    }
}
