package org.therapychat.core.chat;

import org.therapychat.core.common.ActionId;

/** What became of one queued action: a value, not an exception, so the rest of the queue goes on. */
public sealed interface ActionOutcome {
    String clientId();

    record Accepted(String clientId, ActionId id) implements ActionOutcome {
    }

    /**
     * @param field the offending field, or null when the action as a whole is refused
     * @param error a stable code, e.g. {@code invalid_field}, {@code type_not_allowed}, {@code session_ended}
     */
    record Rejected(String clientId, String field, String error, String message) implements ActionOutcome {
    }
}
