package org.therapychat.core.live;

import java.util.List;
import org.therapychat.core.chat.StoredAction;

/**
 * A wake-up for one listener: everything it may see with {@code after < id <= maxId}, in id
 * order and in the form a chat read returns. A client whose own maxID is at least
 * {@code after} may apply {@code data} and take {@code maxId} as its new cursor; any other
 * client syncs as usual.
 */
public record Wake(long after, long maxId, List<StoredAction> data) {
    public Wake {
        data = List.copyOf(data);
        if (after < 0 || maxId <= after) {
            throw new IllegalArgumentException("a wake covers 0 <= after < maxId");
        }
    }
}
