package org.therapychat.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.ana;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.therapychat.core.fixtures.FakeClock;
import org.therapychat.core.login.CachingUserStore;
import org.therapychat.core.login.User;
import org.therapychat.core.memory.InMemoryChangeFeed;
import org.therapychat.core.memory.InMemoryTransactions;
import org.therapychat.core.memory.InMemoryUserStore;

/** The feed publishes after the unit of work: caches never keep what a unit that failed had read. */
class DeferredChangeFeedTest {
    private final InMemoryTransactions transactions = new InMemoryTransactions();
    private final InMemoryUserStore stored = new InMemoryUserStore();
    private final CachingUserStore users = new CachingUserStore(stored,
            new DeferredChangeFeed(new InMemoryChangeFeed(), transactions), new FakeClock(), Duration.ofHours(1),
            Duration.ofHours(1));

    @Test
    void aValueReadInsideAUnitThatFailsIsNotKept() {
        users.put(ana());
        User renamed = new User(ANA, ana().role(), "Renamed", ana().phone(), ana().identifier());
        assertThatThrownBy(() -> transactions.inOne(() -> {
            users.put(renamed);
            assertThat(users.findById(ANA)).as("the unit reads its own write (and the cache keeps it)").contains(renamed);
            throw new IllegalStateException("the audit entry could not be appended");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(stored.findById(ANA)).contains(ana());
        assertThat(users.findById(ANA)).as("the cache dropped what the failed unit read").contains(ana());
    }

    @Test
    void aValueWrittenInACommittedUnitIsReadBack() {
        users.put(ana());
        assertThat(users.findById(ANA)).contains(ana());
        User renamed = new User(ANA, ana().role(), "Renamed", ana().phone(), ana().identifier());
        transactions.inOne(() -> {
            users.put(renamed);
            return null;
        });
        assertThat(users.findById(ANA)).contains(renamed);
    }
}
