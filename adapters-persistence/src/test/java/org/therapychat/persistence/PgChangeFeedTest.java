package org.therapychat.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.ChangeFeedContract;

/** The LISTEN/NOTIFY feed on a real PostgreSQL: two feeds stand for two app instances. */
class PgChangeFeedTest implements ChangeFeedContract {
    private final List<PgChangeFeed> opened = new ArrayList<>();

    @Override
    public List<ChangeFeed> twoInstances() {
        return List.of(open(), open());
    }

    private PgChangeFeed open() {
        PgChangeFeed feed = new PgChangeFeed(TestDatabases.postgres()).start(Duration.ofSeconds(10));
        opened.add(feed);
        return feed;
    }

    @AfterEach
    void close() {
        opened.forEach(PgChangeFeed::close);
    }

    @Test
    void aLostConnectionMakesTheFeedNotLiveThenListensAgainAndHasEveryoneForgetEverything() throws Exception {
        PgChangeFeed listening = open();
        ChangeFeed other = open();
        Heard heard = new Heard();
        listening.subscribe(ChangeFeed.Topic.USER, heard);
        listening.dropConnection();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (heard.forgotAll == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(heard.forgotAll).as("told to forget what went unheard").isEqualTo(1);
        while (!listening.live() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(listening.live()).isTrue();
        other.publish(ChangeFeed.Topic.USER, "P456");
        while (!heard.keys.contains("P456") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(heard.keys).containsExactly("P456");
    }
}
