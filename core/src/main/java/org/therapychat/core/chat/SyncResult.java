package org.therapychat.core.chat;

import java.util.List;

/** handleActions: the queue's outcomes, then what is new for the poller. */
public record SyncResult(List<ActionOutcome.Accepted> accepted, List<ActionOutcome.Rejected> rejected, ChatRead read) {
    public SyncResult {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
    }
}
