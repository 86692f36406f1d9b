package org.therapychat.core.live;

import java.util.List;
import org.therapychat.core.chat.StoredAction;

/**
 * A wake-up for one listener: everything it may see with {@code after < id <= maxId}, in id
 * order and in the form a chat read returns. A client whose own maxID is at least
 * {@code after} may apply {@code data} and take {@code maxId} as its new cursor; any other
 * client syncs as usual.
 *
 * @param after the cursor the wake starts from, 0 or more
 * @param maxId the highest id it covers, above {@code after}
 * @param data the visible actions in that range, research data stripped
 */
public record Wake(long after, long maxId, List<StoredAction> data) {
    /**
     * Checks the range and copies the list.
     *
     * @param after 0 or more
     * @param maxId above {@code after}
     * @param data the visible actions
     * @throws IllegalArgumentException if the range is empty or negative
     */
    public Wake {
        data = List.copyOf(data);
        if (after < 0 || maxId <= after) {
            throw new IllegalArgumentException("a wake covers 0 <= after < maxId");
        }
    }
}
