package org.therapychat.persistence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Within one process, appends to a session run one at a time and each records its id once its
 * commit has returned. On H2 a reader then reads only ids up to that mark: a statement of H2's
 * that runs while rows commit can pass over a row committed mid-scan yet return a later one (a
 * poller skipped two ids in the 16-writer test), while everything committed before the statement
 * began is seen. PostgreSQL reads from one snapshot per statement and needs no mark.
 * One instance per database, shared by every action log on it.
 */
final class AppendOrder {
    private static final int STRIPES = 64;
    private final Object[] locks = new Object[STRIPES];
    private final Map<String, Long> committed = new ConcurrentHashMap<>();

    AppendOrder() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Runs one append alone for its session and records its id once committed. */
    <T> T append(String session, Supplier<T> transaction, java.util.function.ToLongFunction<T> idOf) {
        synchronized (lock(session)) {
            T result = transaction.get();
            committed.merge(session, idOf.applyAsLong(result), Math::max);
            return result;
        }
    }

    /** The highest id of the session known to be committed; {@code fromDatabase} seeds it the first time. */
    long committedMark(String session, LongSupplier fromDatabase) {
        Long mark = committed.get(session);
        if (mark != null) {
            return mark;
        }
        synchronized (lock(session)) {
            return committed.computeIfAbsent(session, s -> fromDatabase.getAsLong());
        }
    }

    private Object lock(String session) {
        return locks[Math.floorMod(session.hashCode(), STRIPES)];
    }
}
