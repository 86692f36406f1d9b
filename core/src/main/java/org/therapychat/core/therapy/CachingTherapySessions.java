package org.therapychat.core.therapy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * Keeps each looked-up session for a short time, because every poll asks who is a member.
 * Writes through this instance drop the entry at once; a change made by another app instance
 * shows here within {@code timeToLive}.
 */
public final class CachingTherapySessions implements TherapySessions {
    private record Entry(Optional<TherapySession> session, Instant loadedAt) {
    }

    private final TherapySessions delegate;
    private final Clock clock;
    private final Duration timeToLive;
    private final Map<TherapySessionId, Entry> cache = new ConcurrentHashMap<>();

    public CachingTherapySessions(TherapySessions delegate, Clock clock, Duration timeToLive) {
        this.delegate = delegate;
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    @Override
    public Optional<TherapySession> find(TherapySessionId id) {
        Instant now = clock.now();
        Entry entry = cache.get(id);
        if (entry == null || !now.isBefore(entry.loadedAt().plus(timeToLive))) {
            entry = new Entry(delegate.find(id), now);
            cache.put(id, entry);
        }
        return entry.session();
    }

    @Override
    public List<TherapySession> listForMember(UserId user) {
        return delegate.listForMember(user);
    }

    @Override
    public void put(TherapySession session) {
        delegate.put(session);
        cache.remove(session.id());
    }

    @Override
    public void setStatus(TherapySessionId id, SessionStatus status) {
        delegate.setStatus(id, status);
        cache.remove(id);
    }

    @Override
    public void setWhiteboard(TherapySessionId id, String text) {
        delegate.setWhiteboard(id, text);
        cache.remove(id);
    }

    @Override
    public void updateMember(TherapySessionId id, Member member) {
        delegate.updateMember(id, member);
        cache.remove(id);
    }
}
