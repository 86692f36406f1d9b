package org.therapychat.core.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.therapychat.core.fixtures.FakeClock;
import org.therapychat.core.fixtures.SwitchableFeed;

class ReadThroughCacheTest {
    private final FakeClock clock = new FakeClock();
    private final Map<String, String> store = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final ReadThroughCache<String, String> cache = new ReadThroughCache<>(clock, Duration.ofMinutes(10));

    private Optional<String> read(String key) {
        reads.incrementAndGet();
        return Optional.ofNullable(store.get(key));
    }

    @Test
    void aFoundValueAnswersUntilItsTimeToLiveThenIsReadAgain() {
        store.put("a", "1");
        assertThat(cache.get("a", this::read)).contains("1");
        store.put("a", "2");
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(cache.get("a", this::read)).contains("1");
        assertThat(reads).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("a", this::read)).contains("2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aKeyThatDoesNotExistIsReadEachTimeAndNeverKept() {
        for (int i = 0; i < 3; i++) {
            assertThat(cache.get("made-up-" + i, this::read)).isEmpty();
            assertThat(cache.get("made-up-" + i, this::read)).isEmpty();
        }
        assertThat(reads).hasValue(6);
        assertThat(cache.size()).isZero();
    }

    @Test
    void forgetMakesTheNextCallRead() {
        store.put("a", "1");
        cache.get("a", this::read);
        store.put("a", "2");
        cache.forget("a");
        assertThat(cache.get("a", this::read)).contains("2");
    }

    @Test
    void aValueReadWhileAWriteWasUnderWayIsReturnedButNotKept() {
        store.put("a", "old");
        // The read sees the old value; the write lands and forgets before the read would keep it.
        Optional<String> during = cache.get("a", key -> {
            Optional<String> old = read(key);
            store.put("a", "new");
            cache.forget("a");
            return old;
        });
        assertThat(during).contains("old");
        assertThat(cache.get("a", this::read)).contains("new");
    }

    @Test
    void anUnusableValueIsReadAgain() {
        store.put("a", "1");
        cache.get("a", this::read);
        store.put("a", "2");
        assertThat(cache.get("a", this::read, value -> !value.equals("1"))).contains("2");
        assertThat(cache.get("a", this::read)).contains("2");
    }

    @Test
    void updateChangesAKeptValueWithoutExtendingItsLife() {
        store.put("a", "1");
        cache.get("a", this::read);
        clock.advance(Duration.ofMinutes(9));
        cache.update("a", v -> v + "+local");
        cache.update("absent", v -> v + "+local");
        assertThat(cache.get("a", this::read)).contains("1+local");
        assertThat(cache.size()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.get("a", this::read)).contains("1");
    }

    @Test
    void evictExpiredDropsOnlyStaleValues() {
        store.put("a", "1");
        store.put("b", "2");
        cache.get("a", this::read);
        clock.advance(Duration.ofMinutes(5));
        cache.get("b", this::read);
        clock.advance(Duration.ofMinutes(5));
        cache.evictExpired();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aZeroTimeToLiveKeepsNothing() {
        ReadThroughCache<String, String> none = new ReadThroughCache<>(clock, Duration.ZERO);
        store.put("a", "1");
        none.get("a", this::read);
        none.get("a", this::read);
        assertThat(reads).hasValue(2);
        assertThat(none.size()).isZero();
    }

    @Test
    void aCacheFollowingAFeedDropsWhatAnotherInstanceChangedAndTellsOfItsOwnChanges() {
        SwitchableFeed feed = new SwitchableFeed();
        ReadThroughCache<String, String> here = ReadThroughCache.following(feed, ChangeFeed.Topic.USER, k -> k, k -> k,
                clock, Duration.ofMinutes(1), Duration.ofSeconds(2));
        ReadThroughCache<String, String> there = ReadThroughCache.following(feed, ChangeFeed.Topic.USER, k -> k, k -> k,
                clock, Duration.ofMinutes(1), Duration.ofSeconds(2));
        store.put("a", "1");
        here.get("a", this::read);
        there.get("a", this::read);
        store.put("a", "2");
        clock.advance(Duration.ofSeconds(30));
        assertThat(here.get("a", this::read)).as("kept while the feed is live").contains("1");
        there.changed("a");
        assertThat(here.get("a", this::read)).as("the other instance's change, heard").contains("2");
        assertThat(there.get("a", this::read)).contains("2");
    }

    @Test
    void whileTheFeedIsDownValuesLiveOnlyTheShortLifetime() {
        SwitchableFeed feed = new SwitchableFeed();
        ReadThroughCache<String, String> cache = ReadThroughCache.following(feed, ChangeFeed.Topic.USER, k -> k, k -> k,
                clock, Duration.ofMinutes(1), Duration.ofSeconds(2));
        store.put("a", "1");
        cache.get("a", this::read);
        store.put("a", "2");
        clock.advance(Duration.ofSeconds(2));
        assertThat(cache.get("a", this::read)).contains("1");
        feed.live(false);
        assertThat(cache.get("a", this::read)).contains("2");
        feed.forgetAll();
        assertThat(cache.size()).isZero();
    }
}
