package org.therapychat.core.login;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.UserId;

/**
 * Keeps users looked up by id for a short time (every authenticated call needs its caller).
 * Phone lookups, rare and part of login, always ask the store.
 */
public final class CachingUserStore implements UserStore {
    private record Entry(Optional<User> user, Instant loadedAt) {
    }

    private final UserStore delegate;
    private final Clock clock;
    private final Duration timeToLive;
    private final Map<UserId, Entry> cache = new ConcurrentHashMap<>();

    public CachingUserStore(UserStore delegate, Clock clock, Duration timeToLive) {
        this.delegate = delegate;
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    @Override
    public Optional<User> findById(UserId id) {
        Instant now = clock.now();
        Entry entry = cache.get(id);
        if (entry == null || !now.isBefore(entry.loadedAt().plus(timeToLive))) {
            entry = new Entry(delegate.findById(id), now);
            cache.put(id, entry);
        }
        return entry.user();
    }

    @Override
    public List<User> findByPhone(PhoneNumber phone) {
        return delegate.findByPhone(phone);
    }

    @Override
    public void put(User user) {
        delegate.put(user);
        cache.remove(user.id());
    }
}
