package org.therapychat.core.common;

/**
 * A change feed whose keys are published once the unit of work that wrote the change has ended:
 * no instance drops a cached value and reloads the old one before the new is durable, and when the
 * unit was taken back, the keys still go out, so that no cache keeps a value the unit's own reads
 * loaded before it failed (dropping an unchanged value only costs a read).
 */
public final class DeferredChangeFeed implements ChangeFeed {
    private final ChangeFeed delegate;
    private final Transactions transactions;

    /**
     * Wraps a feed.
     *
     * @param delegate the feed that reaches the instances
     * @param transactions tells when the current unit has ended
     */
    public DeferredChangeFeed(ChangeFeed delegate, Transactions transactions) {
        this.delegate = delegate;
        this.transactions = transactions;
    }

    @Override
    public void subscribe(Topic topic, Subscriber subscriber) {
        delegate.subscribe(topic, subscriber);
    }

    @Override
    public void publish(Topic topic, String key) {
        transactions.afterUnit(() -> delegate.publish(topic, key));
    }

    /**
     * The wrapped feed (to stop it at shutdown).
     *
     * @return the feed that reaches the instances
     */
    public ChangeFeed delegate() {
        return delegate;
    }

    @Override
    public boolean live() {
        return delegate.live();
    }
}
