package org.therapychat.core.memory;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.therapychat.core.directory.ManagedRecords;

/** {@link ManagedRecords} in this process's memory, for an embedder or tests. */
public final class InMemoryManagedRecords implements ManagedRecords {
    private record Key(Kind kind, String id) {
    }

    private final Map<Key, String> marks = new ConcurrentHashMap<>();

    @Override
    public Optional<String> source(Kind kind, String id) {
        return Optional.ofNullable(marks.get(new Key(kind, id)));
    }

    @Override
    public Map<String, String> all(Kind kind) {
        Map<String, String> out = new TreeMap<>();
        marks.forEach((key, source) -> {
            if (key.kind() == kind) {
                out.put(key.id(), source);
            }
        });
        return out;
    }

    @Override
    public void mark(Kind kind, String id, String source) {
        Key key = new Key(kind, id);
        String before = marks.put(key, source);
        InMemoryTransactions.onRollback(() -> InMemoryAssessments.restore(marks, key, source, before));
    }
}
