package org.therapychat.core.chat;

import java.util.List;

/**
 * The actions after the poller's {@code maxID} that it may see, in chat form, and the new
 * {@code maxID}: the highest id examined, so invisible actions are never re-read.
 */
public record ChatRead(List<StoredAction> actions, long maxId) {
    public ChatRead {
        actions = List.copyOf(actions);
    }
}
