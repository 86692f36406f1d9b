package org.therapychat.core.therapy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * Presence without a write per poll: a poll ({@link #stillPresent}) of a user this instance wrote
 * within {@code markEvery} is not written again, and a session is swept for lapsed users at most
 * every {@code sweepEvery}. Both are far below the 60 s lapse, so who is present stays right to
 * within seconds. The throttle never hides an arrival: an entry ({@link #markPresent}) always
 * writes, and a poll can only find its user absent after a lapse (older than any throttle entry,
 * unless instances' clocks differ by more than the lapse minus {@code markEvery}) or after a leave
 * or revoke, which end the user's polls until they enter again.
 */
public final class ThrottledPresence implements Presence {
    private record Key(TherapySessionId session, UserId user) {
    }

    private final Presence delegate;
    private final Clock clock;
    private final Duration markEvery;
    private final Duration sweepEvery;
    private final Map<Key, Instant> marked = new ConcurrentHashMap<>();
    private final Map<TherapySessionId, Instant> swept = new ConcurrentHashMap<>();

    /**
     * Throttles a store's presence writes.
     *
     * @param delegate the shared presence store
     * @param clock paces the sweeps
     * @param markEvery a poll within this time of this instance's last write for the user writes nothing
     * @param sweepEvery a session is swept for lapsed users at most this often by this instance
     */
    public ThrottledPresence(Presence delegate, Clock clock, Duration markEvery, Duration sweepEvery) {
        this.delegate = delegate;
        this.clock = clock;
        this.markEvery = markEvery;
        this.sweepEvery = sweepEvery;
    }

    @Override
    public boolean markPresent(TherapySessionId session, UserId user, Instant at) {
        boolean arrived = delegate.markPresent(session, user, at);
        marked.put(new Key(session, user), at);
        return arrived;
    }

    @Override
    public boolean stillPresent(TherapySessionId session, UserId user, Instant at) {
        Instant last = marked.get(new Key(session, user));
        if (last != null && at.isBefore(last.plus(markEvery))) {
            return false;
        }
        return markPresent(session, user, at);
    }

    @Override
    public boolean remove(TherapySessionId session, UserId user) {
        marked.remove(new Key(session, user));
        return delegate.remove(session, user);
    }

    @Override
    public List<UserId> removeSeenBefore(TherapySessionId session, Instant cutoff) {
        Instant now = clock.now();
        Instant last = swept.get(session);
        if (last != null && now.isBefore(last.plus(sweepEvery))) {
            return List.of();
        }
        swept.put(session, now);
        List<UserId> removed = delegate.removeSeenBefore(session, cutoff);
        removed.forEach(user -> marked.remove(new Key(session, user)));
        return removed;
    }

    @Override
    public Set<UserId> seenSince(TherapySessionId session, Instant since) {
        return delegate.seenSince(session, since);
    }

    @Override
    public Set<UserId> present(TherapySessionId session) {
        return delegate.present(session);
    }
}
