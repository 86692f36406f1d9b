package org.therapychat.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.memory.InMemoryChangeFeed;

/**
 * The change feed between app instances on one PostgreSQL, over LISTEN/NOTIFY: a publish is a
 * {@code pg_notify} sent after the change committed, and one thread per instance listens on a
 * connection of its own. PostgreSQL delivers a notification to every listener, in commit order.
 * When that connection is lost the feed is not live (caches fall back to short lifetimes) until
 * it listens again, and then every subscriber forgets everything, since changes made in between
 * went unheard. A connection that died silently (no reset, as when the network drops) is
 * noticed by a round trip every {@link #CHECK_EVERY} that may take {@link #CHECK_WAIT_SECONDS}: within
 * {@link #NOTICED_WITHIN} the feed is not live, and from then on caches keep what they hold only
 * their short lifetimes; on listening again everything kept is dropped.
 */
public final class PgChangeFeed implements ChangeFeed, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgChangeFeed.class);
    static final String CHANNEL = "therapychat_changes";
    private static final int WAIT_MILLIS = 500;
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final int CHECK_WAIT_SECONDS = 2;
    /** Between two checks, plus a wait for notifications that ends the loop, plus the check's own wait. */
    static final Duration NOTICED_WITHIN = CHECK_EVERY.plusMillis(WAIT_MILLIS).plusSeconds(CHECK_WAIT_SECONDS);

    private final Database db;
    /** This instance's subscribers; the listener relays what it hears to them. */
    private final InMemoryChangeFeed local = new InMemoryChangeFeed();
    private final Thread listener;
    private volatile boolean live;
    private volatile boolean stopped;
    private volatile Connection listening;

    public PgChangeFeed(Database db) {
        this.db = db;
        this.listener = new Thread(this::listen, "pg-change-feed");
        listener.setDaemon(true);
    }

    /** Starts listening and waits up to {@code limit} for it (it keeps trying after that). */
    public PgChangeFeed start(Duration limit) {
        listener.start();
        long deadline = System.nanoTime() + limit.toNanos();
        while (!live && System.nanoTime() < deadline) {
            sleep(10);
        }
        return this;
    }

    @Override
    public void subscribe(Topic topic, Subscriber subscriber) {
        local.subscribe(topic, subscriber);
    }

    /**
     * Tells this instance's subscribers at once (not only when the notification comes back, which
     * it does not while the listening connection is down: a live socket here still wakes), then
     * sends the notification; if that fails (the database just went away) the change stands and
     * other instances see it once what they keep expires, so this logs instead of failing the call.
     * The echo of the notification reaches this instance's subscribers a second time: every
     * subscriber takes a change twice as once.
     */
    @Override
    public void publish(Topic topic, String key) {
        local.publish(topic, key);
        try {
            db.read(dsl -> dsl.select(DSL.function("pg_notify", Object.class, DSL.val(CHANNEL),
                    DSL.val(topic.name() + ":" + key))).fetch());
        } catch (PortFailure e) {
            LOG.warn("could not tell other instances of a {} change; they see it when their cache expires", topic);
        }
    }

    @Override
    public boolean live() {
        return live;
    }

    private void listen() {
        while (!stopped) {
            try (Connection connection = db.dedicatedConnection()) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                // Whatever changed while nobody listened went unheard.
                local.forgetAll();
                if (!live) {
                    LOG.info("listening for other instances' changes");
                }
                live = true;
                long checkAt = System.nanoTime() + CHECK_EVERY.toNanos();
                while (!stopped) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            deliver(n.getParameter());
                        }
                    }
                    if (System.nanoTime() > checkAt) {
                        // a silently dropped connection would otherwise just look quiet
                        if (!connection.isValid(CHECK_WAIT_SECONDS)) {
                            throw new SQLException("the listening connection is no longer valid");
                        }
                        checkAt = System.nanoTime() + CHECK_EVERY.toNanos();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (live) {
                    LOG.warn("stopped hearing other instances' changes ({}); caches use short lifetimes until back",
                            e.getClass().getSimpleName());
                }
                live = false;
                if (!stopped) {
                    sleep(1000);
                }
            }
        }
        live = false;
    }

    private void deliver(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        Topic topic;
        try {
            topic = Topic.valueOf(payload.substring(0, colon));
        } catch (IllegalArgumentException unknown) {
            return;
        }
        local.publish(topic, payload.substring(colon + 1));
    }

    /** For tests of a lost connection: closes the listening connection as a network failure would. */
    void dropConnection() throws SQLException {
        Connection c = listening;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public void close() {
        stopped = true;
        listener.interrupt();
        try {
            listener.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
