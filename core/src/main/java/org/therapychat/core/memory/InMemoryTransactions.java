package org.therapychat.core.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.therapychat.core.common.Transactions;

/**
 * Units of work over the in-memory stores: each store records how to take back a write made
 * inside a unit ({@link #onRollback}), and a unit that fails takes back its writes, newest first.
 * The writes are atomic, not isolated: another thread may see them before the unit ends.
 */
public final class InMemoryTransactions implements Transactions {
    /** The open unit of this thread, shared by every in-memory store of the process. */
    private static final ThreadLocal<Unit> CURRENT = new ThreadLocal<>();

    private static final class Unit {
        final Deque<Runnable> undo = new ArrayDeque<>();
        final List<Runnable> afterCommit = new ArrayList<>();
        final List<Runnable> afterUnit = new ArrayList<>();
    }

    @Override
    public <T> T inOne(Supplier<T> work) {
        if (CURRENT.get() != null) {
            return work.get();
        }
        Unit unit = new Unit();
        CURRENT.set(unit);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            while (!unit.undo.isEmpty()) {
                try {
                    unit.undo.pop().run();
                } catch (RuntimeException undoFailed) {
                    e.addSuppressed(undoFailed);
                }
            }
            throw e;
        } finally {
            CURRENT.remove();
            unit.afterUnit.forEach(InMemoryTransactions::runLogged);
        }
        unit.afterCommit.forEach(InMemoryTransactions::runLogged);
        return result;
    }

    /** A step after the unit: its failure is logged, never thrown over the unit's own outcome. */
    private static void runLogged(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            System.getLogger(InMemoryTransactions.class.getName()).log(System.Logger.Level.ERROR,
                    "a step after a unit of work failed ({0}); the unit''s own outcome stands", e.toString());
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        Unit unit = CURRENT.get();
        if (unit == null) {
            action.run();
        } else {
            unit.afterCommit.add(action);
        }
    }

    @Override
    public void afterUnit(Runnable action) {
        Unit unit = CURRENT.get();
        if (unit == null) {
            action.run();
        } else {
            unit.afterUnit.add(action);
        }
    }

    /**
     * Called by an in-memory store after a write: how to take it back should the unit open on
     * this thread fail. Outside a unit the write simply stands.
     *
     * @param undo restores what the write replaced
     */
    static void onRollback(Runnable undo) {
        Unit unit = CURRENT.get();
        if (unit != null) {
            unit.undo.push(undo);
        }
    }
}
