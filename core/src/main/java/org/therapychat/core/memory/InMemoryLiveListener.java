package org.therapychat.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.therapychat.core.live.LiveListener;
import org.therapychat.core.live.Wake;

/** A listener inside the process: keeps what it was told, for an embedder's own consumer and for tests. */
public final class InMemoryLiveListener implements LiveListener {
    private final List<Wake> wakes = new ArrayList<>();
    private CloseReason closedWith;

    @Override
    public synchronized void wake(Wake wake) {
        if (closedWith == null) {
            wakes.add(wake);
        }
    }

    @Override
    public synchronized void close(CloseReason reason) {
        if (closedWith == null) {
            closedWith = reason;
        }
    }

    /**
     * Every wake received before the close, in order.
     *
     * @return a copy of the wakes
     */
    public synchronized List<Wake> wakes() {
        return List.copyOf(wakes);
    }

    /**
     * Why it was closed, if it was.
     *
     * @return the first close reason, or empty while open
     */
    public synchronized Optional<CloseReason> closedWith() {
        return Optional.ofNullable(closedWith);
    }
}
