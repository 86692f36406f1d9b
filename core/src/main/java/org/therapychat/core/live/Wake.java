package org.therapychat.core.live;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.therapychat.core.chat.StoredAction;

/**
 * A wake-up: everything its listener may see with {@code after < id <= maxId}, in id order and in
 * the form a chat read returns to that listener (a {@code clientId} only on the listener's own
 * actions). A client whose own maxID is at least {@code after} may apply {@code data} and take
 * {@code maxId} as its new cursor; any other client syncs as usual.
 *
 * <p>Listeners of one room who may see the same thing are handed the same instance, so an adapter
 * encodes it once for all of them ({@link #encoded}) instead of once per connection.
 */
public final class Wake {
    private final long after;
    private final long maxId;
    private final List<StoredAction> data;
    private volatile Object encoded;

    /**
     * Checks the range and copies the list.
     *
     * @param after the cursor the wake starts from, 0 or more
     * @param maxId the highest id it covers, above {@code after}
     * @param data the visible actions in that range, research data stripped
     * @throws IllegalArgumentException if the range is empty or negative
     */
    public Wake(long after, long maxId, List<StoredAction> data) {
        if (after < 0 || maxId <= after) {
            throw new IllegalArgumentException("a wake covers 0 <= after < maxId");
        }
        this.after = after;
        this.maxId = maxId;
        this.data = List.copyOf(data);
    }

    /**
     * The cursor the wake starts from.
     *
     * @return 0 or more
     */
    public long after() {
        return after;
    }

    /**
     * The highest id the wake covers.
     *
     * @return above {@link #after()}
     */
    public long maxId() {
        return maxId;
    }

    /**
     * The actions the listener may see in the range, in id order.
     *
     * @return the actions in chat form
     */
    public List<StoredAction> data() {
        return data;
    }

    /**
     * The adapter's encoding of this wake (a frame's bytes), made by {@code encoder} the first time
     * and shared by every listener handed this same instance. Use one encoder per adapter.
     *
     * @param encoder makes the encoding from the wake; depends on nothing but the wake
     * @param <T> the encoding's type
     * @return the encoding
     */
    @SuppressWarnings("unchecked")
    public <T> T encoded(Function<Wake, T> encoder) {
        Object known = encoded;
        if (known == null) {
            known = encoder.apply(this);
            encoded = known;
        }
        return (T) known;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Wake w && w.after == after && w.maxId == maxId && w.data.equals(data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(after, maxId, data);
    }

    @Override
    public String toString() {
        return "Wake[after=" + after + ", maxId=" + maxId + ", data=" + data.size() + " actions]";
    }
}
