package org.therapychat.core.common;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Values read from a store, each kept for a time to live. Only values found are kept (a lookup
 * of a key that does not exist, which a caller can make up, is never remembered). Whoever writes to the store calls
 * {@link #forget} afterwards; a value read while any such write was under way is returned but
 * not kept (the write may have landed after the read), so a long time to live never pins a
 * value older than the last local write. Changes made by other processes show after the time
 * to live, or at once when the cache follows a {@link ChangeFeed}; while that feed is down, the
 * shorter lifetime applies. Safe for concurrent use.
 *
 * @param <K> the key, e.g. a user id
 * @param <V> the value kept under it
 */
public final class ReadThroughCache<K, V> {
    private record Entry<V>(V value, Instant loadedAt) {
    }

    private final Clock clock;
    private final Supplier<Duration> timeToLive;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong forgets = new AtomicLong();
    private final Consumer<K> tellOthers;

    /**
     * A cache of one process, told of no other instance's changes.
     *
     * @param clock ages the entries
     * @param timeToLive how long a value read is used; zero keeps nothing
     * @throws IllegalArgumentException if {@code timeToLive} is negative
     */
    public ReadThroughCache(Clock clock, Duration timeToLive) {
        this(clock, () -> timeToLive, key -> { });
        if (timeToLive.isNegative()) {
            throw new IllegalArgumentException("timeToLive must not be negative");
        }
    }

    private ReadThroughCache(Clock clock, Supplier<Duration> timeToLive, Consumer<K> tellOthers) {
        this.clock = clock;
        this.timeToLive = timeToLive;
        this.tellOthers = tellOthers;
    }

    /**
     * A cache that hears of other instances' changes on {@code topic} and tells them of this
     * one's ({@link #changed}): values live {@code whileLive} while the feed is live, else
     * {@code whileDown}. A published key that {@code parse} rejects with
     * {@code IllegalArgumentException} empties the whole cache.
     *
     * @param <K> the key
     * @param <V> the value
     * @param feed carries the changes between instances; the cache subscribes to it at once
     * @param topic the kind of data this cache keeps
     * @param name turns a key into its published form
     * @param parse turns a published key back into a key
     * @param clock ages the entries
     * @param whileLive the time to live while {@link ChangeFeed#live()}
     * @param whileDown the (shorter) time to live while the feed is down
     * @return the subscribed cache
     */
    public static <K, V> ReadThroughCache<K, V> following(ChangeFeed feed, ChangeFeed.Topic topic, Function<K, String> name,
                                                          Function<String, K> parse, Clock clock, Duration whileLive,
                                                          Duration whileDown) {
        ReadThroughCache<K, V> cache = new ReadThroughCache<>(clock, () -> feed.live() ? whileLive : whileDown,
                key -> feed.publish(topic, name.apply(key)));
        feed.subscribe(topic, new ChangeFeed.Subscriber() {
            @Override
            public void changed(String key) {
                try {
                    cache.forget(parse.apply(key));
                } catch (IllegalArgumentException notOurs) {
                    cache.forgetAll();
                }
            }

            @Override
            public void forgetAll() {
                cache.forgetAll();
            }
        });
        return cache;
    }

    /**
     * The kept value if it is fresh, else a new read (kept unless a write overlapped it).
     *
     * @param key what to read
     * @param load reads the store; called on a miss, outside any lock
     * @return the value, or empty if the store has none (an empty answer is never kept)
     */
    public Optional<V> get(K key, Function<K, Optional<V>> load) {
        return get(key, load, value -> true);
    }

    /**
     * The kept value if it is fresh and {@code usable}, else a new read (kept unless a write overlapped it).
     *
     * @param key what to read
     * @param load reads the store; called on a miss, outside any lock
     * @param usable whether a kept value may still serve (e.g. not expired by the caller's own rule)
     * @return the value, or empty if the store has none (an empty answer is never kept)
     */
    public Optional<V> get(K key, Function<K, Optional<V>> load, Predicate<V> usable) {
        Instant now = clock.now();
        Duration lifetime = timeToLive.get();
        Entry<V> entry = entries.get(key);
        if (entry != null && now.isBefore(entry.loadedAt().plus(lifetime)) && usable.test(entry.value())) {
            return Optional.of(entry.value());
        }
        long before = forgets.get();
        Optional<V> found = load.apply(key);
        if (found.isPresent() && !lifetime.isZero()) {
            V value = found.get();
            // compute() runs under the key's lock, as forget() does: the check and the put are one step.
            entries.compute(key, (k, old) -> forgets.get() == before ? new Entry<>(value, now) : old);
        }
        return found;
    }

    /**
     * Changes a kept value in place (for a change this process made itself), keeping its age.
     * Does nothing when no value is kept under {@code key}.
     *
     * @param key whose value changed
     * @param change computes the new value from the kept one
     */
    public void update(K key, UnaryOperator<V> change) {
        entries.computeIfPresent(key, (k, old) -> new Entry<>(change.apply(old.value()), old.loadedAt()));
    }

    /**
     * Drops the kept value; call after every write to what {@code key} reads.
     *
     * @param key whose value was written
     */
    public void forget(K key) {
        entries.compute(key, (k, old) -> {
            forgets.incrementAndGet();
            return null;
        });
    }

    /**
     * After a write through this process: drops the kept value here and tells the other instances.
     *
     * @param key whose value was written
     */
    public void changed(K key) {
        forget(key);
        tellOthers.accept(key);
    }

    /** Drops every kept value, e.g. when changes from other instances may have gone unheard. */
    public void forgetAll() {
        forgets.incrementAndGet();
        entries.clear();
    }

    /** Drops every value past its time to live (for a periodic job: they are never used again). */
    public void evictExpired() {
        Instant now = clock.now();
        Duration lifetime = timeToLive.get();
        entries.values().removeIf(e -> !now.isBefore(e.loadedAt().plus(lifetime)));
    }

    /**
     * The number of values kept, fresh or not (for metrics).
     *
     * @return how many entries the cache holds now
     */
    public int size() {
        return entries.size();
    }
}
