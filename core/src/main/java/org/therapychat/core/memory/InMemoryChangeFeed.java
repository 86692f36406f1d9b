package org.therapychat.core.memory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.therapychat.core.common.ChangeFeed;

/**
 * The feed between instances that share one process (and its database): a change reaches every
 * subscriber before {@link #publish} returns, and nothing can be missed.
 */
public final class InMemoryChangeFeed implements ChangeFeed {
    private final Map<Topic, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

    @Override
    public void subscribe(Topic topic, Subscriber subscriber) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    @Override
    public void publish(Topic topic, String key) {
        subscribers.getOrDefault(topic, List.of()).forEach(s -> s.changed(key));
    }

    /** Tells every subscriber that changes may have gone unheard (for a feed that relays this one). */
    public void forgetAll() {
        subscribers.values().forEach(list -> list.forEach(Subscriber::forgetAll));
    }

    @Override
    public boolean live() {
        return true;
    }
}
