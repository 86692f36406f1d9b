package org.therapychat.core.chat;

import java.util.List;

/** One entry of a client's action queue, before validation. */
public sealed interface QueuedAction {
    String clientId();

    /**
     * The fields as the client sent them (all may be null). {@code target} is text because
     * clients send it as a number or a numeric string.
     */
    record Request(String clientId, String clientTs, String type, List<String> recipients, String body,
                   String target, String icon, List<String> characterHistory, String timeToComplete)
            implements QueuedAction {
    }

    /** An entry the adapter could not even read into a {@link Request} (a field of the wrong JSON type). */
    record Unreadable(String clientId, String field, String message) implements QueuedAction {
    }
}
