package org.therapychat.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.WEEK_2;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.therapychat.core.chat.ActionLogContract;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.fixtures.BlackHoleProxy;

/**
 * A real PostgreSQL that holds a lock or goes silent: every wait ends within its timeout, what
 * the fault does not touch carries on, and everything recovers by itself.
 */
class PgDeadlinesTest {
    private static final PgTimeouts SHORT = new PgTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(3));

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    @Test
    @Timeout(180) // a safety net that includes starting the embedded server when this test runs first
    void aHeldHeadLockFailsOnlyThatSessionsWritersWithinTheLockTimeout() throws Exception {
        TestDatabases.reset(TestDatabases.postgres());
        try (Database db = Database.postgres(url(TestDatabases.postgresPort()), 4, SHORT);
             Connection holder = DriverManager.getConnection(url(TestDatabases.postgresPort()))) {
            JooqActionLog log = new JooqActionLog(db);
            log.append(WEEK_1, ActionLogContract.message(ANA, "a", "first"));
            log.append(WEEK_2, ActionLogContract.message(ANA, "b", "first"));
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT * FROM action_log_heads WHERE therapy_session_id = 'week-1' FOR UPDATE");
            }
            long slowest = 0;
            for (int i = 0; i < 6; i++) {
                long started = System.nanoTime();
                int n = i;
                // failed by the 500 ms lock timeout (55P03), not by the 2 s statement timeout or a hang
                assertThatThrownBy(() -> log.append(WEEK_1, ActionLogContract.message(ANA, "x" + n, "blocked")))
                        .isInstanceOf(PortFailure.class)
                        .satisfies(e -> assertThat(sqlStates(e)).contains("55P03"));
                slowest = Math.max(slowest, System.nanoTime() - started);
            }
            long started = System.nanoTime();
            log.append(WEEK_2, ActionLogContract.message(ANA, "c", "unaffected"));
            assertThat(log.readAfter(WEEK_2, 0, 10)).hasSize(2);
            Duration unaffected = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("held head lock: the slowest of 6 blocked appends failed after %d ms (lock timeout 500 ms);"
                    + " another session's append and read took %d ms%n", slowest / 1_000_000, unaffected.toMillis());
            assertThat(Duration.ofNanos(slowest)).as("each blocked writer let go, generously bounded").isLessThan(Duration.ofSeconds(10));
            assertThat(unaffected).as("another session's writer never waits for the lock").isLessThan(Duration.ofSeconds(5));
            assertThat(db.isHealthy()).isTrue();
            holder.rollback();
            log.append(WEEK_1, ActionLogContract.message(ANA, "d", "after the lock"));
            assertThat(log.readAfter(WEEK_1, 0, 10)).hasSize(2);
        }
    }

    @Test
    @Timeout(180) // a safety net that includes starting the embedded server when this test runs first
    void aSilentNetworkFailsCallsWithinTheSocketTimeoutAndRecoversWhenItForwardsAgain() throws Exception {
        TestDatabases.postgres();
        try (BlackHoleProxy proxy = new BlackHoleProxy(TestDatabases.postgresPort());
             Database db = Database.postgres(url(proxy.port()), 4, SHORT)) {
            JooqActionLog log = new JooqActionLog(db);
            assertThat(log.readAfter(WEEK_1, 0, 10)).isNotNull();
            proxy.blackHole();
            long started = System.nanoTime();
            assertThatThrownBy(() -> log.readAfter(WEEK_1, 0, 10)).isInstanceOf(PortFailure.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the socket timeout, plus the pool's wait for a new connection").isLessThan(Duration.ofSeconds(8));
            started = System.nanoTime();
            assertThat(db.isHealthy()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
            proxy.forward();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!db.isHealthy() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(log.readAfter(WEEK_1, 0, 10)).isNotNull();
        }
    }

    @Test
    @Timeout(180) // a safety net that includes starting the embedded server when this test runs first
    void aSilentlyDeadListeningConnectionIsNoticedWithinItsBound() throws Exception {
        TestDatabases.postgres();
        try (BlackHoleProxy proxy = new BlackHoleProxy(TestDatabases.postgresPort());
             Database db = Database.postgres(url(proxy.port()), 2, SHORT);
             PgChangeFeed feed = new PgChangeFeed(db).start(Duration.ofSeconds(10))) {
            assertThat(feed.live()).isTrue();
            proxy.blackHole();
            long started = System.nanoTime();
            while (feed.live() && System.nanoTime() - started < Duration.ofSeconds(10).toNanos()) {
                Thread.sleep(20);
            }
            Duration noticed = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("a silently dead LISTEN connection noticed after %d ms (bound %d ms)%n", noticed.toMillis(),
                    PgChangeFeed.NOTICED_WITHIN.toMillis());
            assertThat(feed.live()).isFalse();
            assertThat(noticed).isLessThanOrEqualTo(PgChangeFeed.NOTICED_WITHIN.plusMillis(500));
            proxy.forward();
            started = System.nanoTime();
            while (!feed.live() && System.nanoTime() - started < Duration.ofSeconds(30).toNanos()) {
                Thread.sleep(20);
            }
            assertThat(feed.live()).isTrue();
        }
    }

    @Test
    void theOperatorsUrlKeepsItsOwnSettingsAndItsOwnOptionsWin() {
        String url = PgTimeouts.defaults().applyTo("jdbc:postgresql://db/app?user=u&socketTimeout=30"
                + "&options=-c%20search_path%3Dstudy%20-c%20lock_timeout%3D7000");
        assertThat(url).startsWith("jdbc:postgresql://db/app?user=u&socketTimeout=30&")
                .contains("tcpKeepAlive=true")
                .contains("options=-c%20statement_timeout%3D5000%20-c%20lock_timeout%3D2000%20"
                        + "-c%20idle_in_transaction_session_timeout%3D20000%20-c%20search_path%3Dstudy%20-c%20lock_timeout%3D7000");
        assertThat(PgTimeouts.defaults().applyTo("jdbc:postgresql://db/app")).contains("?socketTimeout=10&");
    }

    @Test
    @Timeout(180) // the first test to run starts the embedded server: 48 s with two CPU hogs beside it
    void theServerAppliesTheTimeoutsAndTheOperatorsOwnOptions() {
        TestDatabases.postgres();
        try (Database db = Database.postgres(url(TestDatabases.postgresPort()) + "&options=-c%20lock_timeout%3D1234", 1)) {
            assertThat(show(db, "SHOW statement_timeout")).isEqualTo("5s");
            assertThat(show(db, "SHOW lock_timeout")).isEqualTo("1234ms");
            assertThat(show(db, "SHOW idle_in_transaction_session_timeout")).isEqualTo("20s");
        }
    }

    private static String show(Database db, String sql) {
        return db.read(dsl -> String.valueOf(dsl.fetchValue(sql)));
    }

    /** Every SQLSTATE in the cause chain. */
    private static java.util.List<String> sqlStates(Throwable e) {
        java.util.List<String> states = new java.util.ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                states.add(sql.getSQLState());
            }
        }
        return states;
    }
}
