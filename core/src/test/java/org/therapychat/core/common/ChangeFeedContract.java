package org.therapychat.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChangeFeed} must do. {@link #twoInstances()} answers two handles on the same
 * shared data (for an in-process feed, the same one twice).
 */
public interface ChangeFeedContract {
    /** Two feeds as two app instances on the same database would have them, both started. */
    List<ChangeFeed> twoInstances();

    /** A published change may take a moment to travel; contracts wait this long at most. */
    default Duration delivery() {
        return Duration.ofSeconds(5);
    }

    @Test
    default void aChangePublishedByOneInstanceReachesTheOtherOnItsTopicOnly() throws InterruptedException {
        List<ChangeFeed> feeds = twoInstances();
        Heard sessions = new Heard();
        Heard users = new Heard();
        feeds.get(1).subscribe(ChangeFeed.Topic.AUTH_SESSION, sessions);
        feeds.get(1).subscribe(ChangeFeed.Topic.USER, users);
        assertThat(feeds.get(0).live()).isTrue();
        assertThat(feeds.get(1).live()).isTrue();
        feeds.get(0).publish(ChangeFeed.Topic.AUTH_SESSION, "k:with:colons");
        feeds.get(0).publish(ChangeFeed.Topic.THERAPY_SESSION, "week-1");
        feeds.get(0).publish(ChangeFeed.Topic.USER, "P123");
        await(() -> sessions.keys.contains("k:with:colons") && users.keys.contains("P123"));
        assertThat(sessions.keys).containsExactly("k:with:colons");
        assertThat(users.keys).containsExactly("P123");
    }

    @Test
    default void anInstanceHearsItsOwnChangesToo() throws InterruptedException {
        ChangeFeed feed = twoInstances().get(0);
        Heard heard = new Heard();
        feed.subscribe(ChangeFeed.Topic.THERAPY_SESSION, heard);
        feed.publish(ChangeFeed.Topic.THERAPY_SESSION, "week-2");
        await(() -> heard.keys.contains("week-2"));
    }

    private void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + delivery().toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("delivered within " + delivery()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    final class Heard implements ChangeFeed.Subscriber {
        public final List<String> keys = new CopyOnWriteArrayList<>();
        public volatile int forgotAll;

        @Override
        public void changed(String key) {
            keys.add(key);
        }

        @Override
        public void forgetAll() {
            forgotAll++;
        }
    }
}
