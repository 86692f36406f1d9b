package org.therapychat.core.common;

/**
 * A change feed whose keys are published only once the unit of work that wrote the change has
 * committed: no instance drops a cached value and reloads the old one before the new is durable,
 * and nothing is announced for writes that were taken back.
 */
public final class AfterCommitChangeFeed implements ChangeFeed {
    private final ChangeFeed delegate;
    private final Transactions transactions;

    /**
     * Wraps a feed.
     *
     * @param delegate the feed that reaches the instances
     * @param transactions tells when the current unit has committed
     */
    public AfterCommitChangeFeed(ChangeFeed delegate, Transactions transactions) {
        this.delegate = delegate;
        this.transactions = transactions;
    }

    @Override
    public void subscribe(Topic topic, Subscriber subscriber) {
        delegate.subscribe(topic, subscriber);
    }

    @Override
    public void publish(Topic topic, String key) {
        transactions.afterCommit(() -> delegate.publish(topic, key));
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
