package org.therapychat.core.memory;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.therapychat.core.audit.AuditEntry;
import org.therapychat.core.audit.AuditTrail;

/** An {@link AuditTrail} in this process's memory, for an embedder or tests; appends are serialised. */
public final class InMemoryAuditTrail implements AuditTrail {
    private final ConcurrentSkipListMap<Long, AuditEntry> entries = new ConcurrentSkipListMap<>();

    @Override
    public synchronized AuditEntry append(Instant at, String actor, String action, String target, String outcome) {
        long id = entries.isEmpty() ? 1 : entries.lastKey() + 1;
        AuditEntry entry = new AuditEntry(id, at, actor, action, target, outcome);
        entries.put(id, entry);
        InMemoryTransactions.onRollback(() -> entries.remove(id));
        return entry;
    }

    @Override
    public List<AuditEntry> after(long afterId, int limit) {
        return entries.tailMap(afterId, false).values().stream().limit(limit).toList();
    }

    @Override
    public List<AuditEntry> before(long beforeId, int limit) {
        return entries.headMap(beforeId, false).descendingMap().values().stream().limit(limit).toList();
    }

    @Override
    public synchronized void insert(AuditEntry entry) {
        if (entries.putIfAbsent(entry.id(), entry) != null) {
            throw new IllegalArgumentException("audit entry " + entry.id() + " exists");
        }
    }
}
