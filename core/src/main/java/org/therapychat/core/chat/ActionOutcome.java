package org.therapychat.core.chat;

import org.therapychat.core.common.ActionId;

/**
 * What became of one queued action: a value, not an exception, so the rest of the queue goes on.
 * {@code index} is the action's position in its queue, so a client that sends no clientId (the
 * original note's example) can still match answers to actions; {@code clientId} is null then.
 */
public sealed interface ActionOutcome {
    /**
     * The action's position in its queue, from 0.
     *
     * @return the index
     */
    int index();

    /**
     * The client's idempotency key of the action.
     *
     * @return the key, or null when the client sent none
     */
    String clientId();

    /**
     * The action is stored: now, or earlier (a resend of its clientId, or a reaction or read already recorded).
     *
     * @param index the position in the queue, from 0
     * @param clientId the client's key, or null
     * @param id the server id it got
     */
    record Accepted(int index, String clientId, ActionId id) implements ActionOutcome {
    }

    /**
     * The action was refused; nothing of it was stored.
     *
     * @param index the position in the queue, from 0
     * @param clientId the client's key, or null
     * @param field the offending field, or null when the action as a whole is refused
     * @param error a stable code, e.g. {@code invalid_field}, {@code type_not_allowed}, {@code session_ended}
     * @param message says what is wrong
     */
    record Rejected(int index, String clientId, String field, String error, String message) implements ActionOutcome {
    }
}
