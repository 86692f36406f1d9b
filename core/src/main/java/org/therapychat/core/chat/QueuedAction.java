package org.therapychat.core.chat;

import java.util.List;

/** One entry of a client's action queue, before validation. */
public sealed interface QueuedAction {
    /**
     * The client's idempotency key.
     *
     * @return the key, or null when the client sent none
     */
    String clientId();

    /**
     * The fields as the client sent them (all may be null). {@code target} is text because
     * clients send it as a number or a numeric string.
     *
     * @param clientId the idempotency key
     * @param clientTs the client's timestamp
     * @param type the action type, e.g. {@code message}
     * @param recipients user ids of a private audience
     * @param body a message's text
     * @param target the id of the action referred to
     * @param icon a reaction's icon
     * @param characterHistory research data
     * @param timeToComplete research data
     */
    record Request(String clientId, String clientTs, String type, List<String> recipients, String body,
                   String target, String icon, List<String> characterHistory, String timeToComplete)
            implements QueuedAction {
    }

    /**
     * An entry the adapter could not even read into a {@link Request} (a field of the wrong JSON type).
     *
     * @param clientId the idempotency key, if it could be read; else null
     * @param field the field that could not be read
     * @param message what is wrong with it
     */
    record Unreadable(String clientId, String field, String message) implements QueuedAction {
    }
}
