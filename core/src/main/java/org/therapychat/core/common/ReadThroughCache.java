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
 * shorter lifetime applies.
 */
public final class ReadThroughCache<K, V> {
    private record Entry<V>(V value, Instant loadedAt) {
    }

    private final Clock clock;
    private final Supplier<Duration> timeToLive;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final AtomicLong forgets = new AtomicLong();
    private final Consumer<K> tellOthers;

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
     * {@code whileDown}.
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

    public Optional<V> get(K key, Function<K, Optional<V>> load) {
        return get(key, load, value -> true);
    }

    /** The kept value if it is fresh and {@code usable}, else a new read (kept unless a write overlapped it). */
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

    /** Changes a kept value in place (for a change this process made itself), keeping its age. */
    public void update(K key, UnaryOperator<V> change) {
        entries.computeIfPresent(key, (k, old) -> new Entry<>(change.apply(old.value()), old.loadedAt()));
    }

    /** Drops the kept value; call after every write to what {@code key} reads. */
    public void forget(K key) {
        entries.compute(key, (k, old) -> {
            forgets.incrementAndGet();
            return null;
        });
    }

    /** After a write through this process: drops the kept value here and tells the other instances. */
    public void changed(K key) {
        forget(key);
        tellOthers.accept(key);
    }

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

    public int size() {
        return entries.size();
    }
}
