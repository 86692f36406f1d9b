package org.therapychat.core.memory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.therapy.WaitingRoom;

/** {@link WaitingRoom} in this process's memory; each change is atomic per participant. */
public final class InMemoryWaitingRoom implements WaitingRoom {
    private record Visit(Instant since, Instant lastSeen) {
    }

    private final Map<TherapySessionId, Map<UserId, Visit>> rooms = new ConcurrentHashMap<>();

    @Override
    public boolean arrive(TherapySessionId session, UserId user, Instant at, Instant staleBefore) {
        boolean[] arrived = {false};
        of(session).compute(user, (k, old) -> {
            if (old == null || old.lastSeen().isBefore(staleBefore)) {
                arrived[0] = true;
                return new Visit(at, at);
            }
            return new Visit(old.since(), at.isAfter(old.lastSeen()) ? at : old.lastSeen());
        });
        return arrived[0];
    }

    @Override
    public boolean remove(TherapySessionId session, UserId user) {
        return of(session).remove(user) != null;
    }

    @Override
    public Map<UserId, Instant> waiting(TherapySessionId session, Instant seenSince) {
        Map<UserId, Instant> waiting = new HashMap<>();
        of(session).forEach((user, visit) -> {
            if (!visit.lastSeen().isBefore(seenSince)) {
                waiting.put(user, visit.since());
            }
        });
        return waiting;
    }

    private Map<UserId, Visit> of(TherapySessionId session) {
        return rooms.computeIfAbsent(session, k -> new ConcurrentHashMap<>());
    }
}
