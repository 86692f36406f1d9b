package org.therapychat.core.chat;

import java.util.List;

/**
 * handleActions: the queue's outcomes, then what is new for the poller.
 *
 * @param accepted the stored actions of the queue, in queue order
 * @param rejected the refused ones, in queue order
 * @param read the visible actions after the poller's {@code maxID}, own new ones included
 */
public record SyncResult(List<ActionOutcome.Accepted> accepted, List<ActionOutcome.Rejected> rejected, ChatRead read) {
    /**
     * Copies the lists.
     *
     * @param accepted the stored actions
     * @param rejected the refused ones
     * @param read what is new for the poller
     */
    public SyncResult {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }
}
