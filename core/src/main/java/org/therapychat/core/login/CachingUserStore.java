package org.therapychat.core.login;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.ReadThroughCache;
import org.therapychat.core.common.UserId;

/**
 * Keeps users looked up by id (every authenticated call needs its caller); writes through it drop
 * the entry and tell the other instances through the feed.
 * Phone lookups, rare and part of login, always ask the store.
 */
public final class CachingUserStore implements UserStore {
    private final UserStore delegate;
    private final ReadThroughCache<UserId, User> cache;

    /**
     * Kept {@code whileLive} while the feed tells of other instances' changes, else {@code whileDown}.
     *
     * @param delegate the store
     * @param feed carries changes between instances
     * @param clock ages the entries
     * @param whileLive how long a user is kept while the feed is live
     * @param whileDown how long a user is kept while the feed is down
     */
    public CachingUserStore(UserStore delegate, ChangeFeed feed, Clock clock, Duration whileLive, Duration whileDown) {
        this.delegate = delegate;
        this.cache = ReadThroughCache.following(feed, ChangeFeed.Topic.USER, UserId::value, UserId::of, clock,
                whileLive, whileDown);
    }

    @Override
    public Optional<User> findById(UserId id) {
        return cache.get(id, delegate::findById);
    }

    @Override
    public List<User> findByPhone(PhoneNumber phone) {
        return delegate.findByPhone(phone);
    }

    @Override
    public List<User> list() {
        return delegate.list();
    }

    @Override
    public void put(User user) {
        delegate.put(user);
        cache.changed(user.id());
    }

    @Override
    public void putAll(List<User> users) {
        try {
            delegate.putAll(users);
        } finally {
            // some may be stored even when one is refused
            users.forEach(u -> cache.changed(u.id()));
        }
    }

    /** Asked once at start, never on a hot path: not cached. */
    @Override
    public boolean isEmpty() {
        return delegate.isEmpty();
    }
}
