package org.therapychat.persistence;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.therapychat.core.common.DomainException.PortFailure;

/**
 * Within one process, appends to a session run one at a time and each records its id once its
 * commit has returned. On H2 a reader then reads only ids up to that mark: a statement of H2's
 * that runs while rows commit can pass over a row committed mid-scan yet return a later one (a
 * poller skipped two ids in the 16-writer test), while everything committed before the statement
 * began is seen. PostgreSQL reads from one snapshot per statement and needs no mark.
 * One instance per database, shared by every action log on it.
 *
 * <p>Waiting here is bounded by the database's lock timeout: when a session's head row is held
 * (a stuck transaction, an operator's {@code SELECT … FOR UPDATE}) its writers get a
 * {@link PortFailure} after about that long instead of queueing one lock timeout after another,
 * and only one of them holds a pool connection while it waits, so a stuck session can neither
 * hold the request threads for long nor eat the pool.
 */
final class AppendOrder {
    private static final int STRIPES = 1024;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final Map<String, Long> committed = new ConcurrentHashMap<>();
    private final Duration maxWait;
    private final Database db;

    AppendOrder(Database db, Duration maxWait) {
        this.db = db;
        this.maxWait = maxWait;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Runs one append alone for its session and records its id once committed. Inside a unit of
     * work the append commits with the unit: the session stays locked, and the mark unmoved, until
     * the unit ends.
     */
    <T> T append(String session, Supplier<T> transaction, java.util.function.ToLongFunction<T> idOf) {
        ReentrantLock lock = lock(session);
        try {
            if (!lock.tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PortFailure("The chat is busy. Please try again.", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortFailure("Interrupted while waiting to write.", e);
        }
        boolean heldByUnit = false;
        try {
            T result = transaction.get();
            long id = idOf.applyAsLong(result);
            if (db.inUnit()) {
                db.whenUnitEnds(unitCommitted -> {
                    if (unitCommitted) {
                        committed.merge(session, id, Math::max);
                    }
                    lock.unlock();
                });
                heldByUnit = true;
            } else {
                committed.merge(session, id, Math::max);
            }
            return result;
        } finally {
            if (!heldByUnit) {
                lock.unlock();
            }
        }
    }

    /** The highest id of the session known to be committed; {@code fromDatabase} seeds it the first time. */
    long committedMark(String session, LongSupplier fromDatabase) {
        Long mark = committed.get(session);
        if (mark != null) {
            return mark;
        }
        ReentrantLock lock = lock(session);
        lock.lock();
        try {
            return committed.computeIfAbsent(session, s -> fromDatabase.getAsLong());
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lock(String session) {
        return locks[Math.floorMod(session.hashCode(), STRIPES)];
    }
}
