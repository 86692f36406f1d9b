package org.therapychat.core.chat;

import java.util.List;

/**
 * The actions after the poller's {@code maxID} that it may see, in chat form, and the new
 * {@code maxID}: the highest id examined, so invisible actions are never re-read.
 *
 * @param actions the visible actions, ascending, research data stripped
 * @param maxId what the poller passes back next time
 */
public record ChatRead(List<StoredAction> actions, long maxId) {
    /**
     * Copies the list.
     *
     * @param actions the visible actions, ascending
     * @param maxId the highest id examined
     */
    public ChatRead {
        actions = List.copyOf(actions);
    }
}
