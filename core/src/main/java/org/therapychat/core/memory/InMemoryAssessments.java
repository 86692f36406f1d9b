package org.therapychat.core.memory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.therapy.Assessment;
import org.therapychat.core.therapy.Assessments;

/** {@link Assessments} in this process's memory, for an embedder or tests; lost when the process ends. */
public final class InMemoryAssessments implements Assessments {
    private record Key(TherapySessionId session, UserId participant) {
    }

    private final Map<Key, List<Assessment>> lists = new ConcurrentHashMap<>();

    @Override
    public List<Assessment> find(TherapySessionId session, UserId participant) {
        return lists.getOrDefault(new Key(session, participant), List.of());
    }

    @Override
    public Map<TherapySessionId, List<Assessment>> forParticipant(UserId participant) {
        Map<TherapySessionId, List<Assessment>> out = new HashMap<>();
        lists.forEach((key, list) -> {
            if (key.participant().equals(participant) && !list.isEmpty()) {
                out.put(key.session(), list);
            }
        });
        return out;
    }

    @Override
    public void put(TherapySessionId session, UserId participant, List<Assessment> assessments) {
        Key key = new Key(session, participant);
        List<Assessment> written = List.copyOf(assessments);
        List<Assessment> before = lists.put(key, written);
        InMemoryTransactions.onRollback(() -> restore(lists, key, written, before));
    }

    /**
     * Puts back what a write replaced (the old value, or nothing if there was none), but only while
     * the write is still there: a later write by another thread is never undone.
     */
    static <K, V> void restore(Map<K, V> map, K key, V written, V before) {
        if (before == null) {
            map.remove(key, written);
        } else {
            map.replace(key, written, before);
        }
    }
}
