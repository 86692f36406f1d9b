package org.therapychat.core.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.therapy.Presence;

/** {@link Presence} in this process's memory; each change is atomic per user, so it answers who made it. */
public final class InMemoryPresence implements Presence {
    private final Map<TherapySessionId, Map<UserId, Instant>> seen = new ConcurrentHashMap<>();

    @Override
    public boolean markPresent(TherapySessionId session, UserId user, Instant at) {
        Instant before = of(session).put(user, at);
        return before == null;
    }

    @Override
    public boolean remove(TherapySessionId session, UserId user) {
        return of(session).remove(user) != null;
    }

    @Override
    public List<UserId> removeSeenBefore(TherapySessionId session, Instant cutoff) {
        Map<UserId, Instant> users = of(session);
        List<UserId> removed = new ArrayList<>();
        for (Map.Entry<UserId, Instant> e : users.entrySet()) {
            if (e.getValue().isBefore(cutoff) && users.remove(e.getKey(), e.getValue())) {
                removed.add(e.getKey());
            }
        }
        return removed;
    }

    @Override
    public Set<UserId> seenSince(TherapySessionId session, Instant since) {
        return of(session).entrySet().stream().filter(e -> !e.getValue().isBefore(since))
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<UserId> present(TherapySessionId session) {
        return Set.copyOf(of(session).keySet());
    }

    private Map<UserId, Instant> of(TherapySessionId session) {
        return seen.computeIfAbsent(session, k -> new ConcurrentHashMap<>());
    }
}
