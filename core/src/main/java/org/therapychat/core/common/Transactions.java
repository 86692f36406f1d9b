package org.therapychat.core.common;

import java.util.function.Supplier;

/**
 * Makes the writes of one user action commit together or not at all: an admin change and its
 * audit entry, a whole roster import, a uniqueness check and the insert it guards. Every store
 * call made inside {@link #inOne} on the calling thread joins the unit; a unit opened inside
 * another joins the outer one. What others must only hear of once the writes are durable
 * (in-process marks) is deferred with {@link #afterCommit}; what must happen whether or not the
 * unit committed (telling caches to drop what the unit's own reads may have loaded) with
 * {@link #afterUnit}.
 */
public interface Transactions {
    /**
     * Runs {@code work} as one unit: when it throws, nothing it wrote is kept and the exception is
     * rethrown as it was.
     *
     * @param <T> what the work answers
     * @param work the writes (and the reads they depend on)
     * @return what {@code work} answered, once committed
     */
    <T> T inOne(Supplier<T> work);

    /**
     * Runs {@code action} once the unit open on this thread has committed, never if it fails; at
     * once when no unit is open.
     *
     * @param action e.g. telling other instances of the change
     */
    void afterCommit(Runnable action);

    /**
     * Runs {@code action} once the unit open on this thread has ended, committed or taken back;
     * at once when no unit is open.
     *
     * @param action e.g. publishing a changed key, so that no cache keeps what the unit read
     */
    void afterUnit(Runnable action);

    /**
     * For stores that commit each call on its own (an embedder's own adapters): the work runs as it
     * is and nothing is deferred.
     *
     * @return units that are no more than their calls
     */
    static Transactions none() {
        return new Transactions() {
            @Override
            public <T> T inOne(Supplier<T> work) {
                return work.get();
            }

            @Override
            public void afterCommit(Runnable action) {
                action.run();
            }

            @Override
            public void afterUnit(Runnable action) {
                action.run();
            }
        };
    }
}
