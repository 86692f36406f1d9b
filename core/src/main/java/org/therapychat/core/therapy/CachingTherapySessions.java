package org.therapychat.core.therapy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.ReadThroughCache;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * Keeps each looked-up session, because every poll asks who is a member. Writes through this
 * instance drop the entry at once, and tell the other instances through the feed.
 */
public final class CachingTherapySessions implements TherapySessions {
    private final TherapySessions delegate;
    private final ReadThroughCache<TherapySessionId, TherapySession> cache;

    /**
     * Kept {@code whileLive} while the feed tells of other instances' changes, else {@code whileDown}.
     *
     * @param delegate the store
     * @param feed carries changes between instances
     * @param clock ages the entries
     * @param whileLive how long a session is kept while the feed is live
     * @param whileDown how long a session is kept while the feed is down
     */
    public CachingTherapySessions(TherapySessions delegate, ChangeFeed feed, Clock clock, Duration whileLive,
                                  Duration whileDown) {
        this.delegate = delegate;
        this.cache = ReadThroughCache.following(feed, ChangeFeed.Topic.THERAPY_SESSION, TherapySessionId::value,
                TherapySessionId::of, clock, whileLive, whileDown);
    }

    @Override
    public Optional<TherapySession> find(TherapySessionId id) {
        return cache.get(id, delegate::find);
    }

    @Override
    public Optional<TherapySession> findCurrent(TherapySessionId id) {
        return delegate.findCurrent(id);
    }

    @Override
    public List<TherapySession> listForMember(UserId user) {
        return delegate.listForMember(user);
    }

    @Override
    public List<TherapySession> list() {
        return delegate.list();
    }

    @Override
    public Defined define(SessionDefinition definition) {
        Defined outcome = delegate.define(definition);
        cache.changed(definition.id());
        return outcome;
    }

    @Override
    public boolean setStatus(TherapySessionId id, SessionStatus status) {
        boolean changed = delegate.setStatus(id, status);
        cache.changed(id);
        return changed;
    }

    @Override
    public void setWhiteboard(TherapySessionId id, String text) {
        delegate.setWhiteboard(id, text);
        cache.changed(id);
    }

    @Override
    public void updateMember(TherapySessionId id, Member member) {
        delegate.updateMember(id, member);
        cache.changed(id);
    }
}
