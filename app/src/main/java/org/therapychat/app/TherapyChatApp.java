package org.therapychat.app;

import com.google.inject.Injector;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapychat.core.admin.AdminService;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.common.DeferredChangeFeed;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.Recurring;
import org.therapychat.core.login.BackgroundSmsSender;
import org.therapychat.core.login.LoginService;
import org.therapychat.core.login.OtpChallenges;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.therapy.TherapySessions;
import org.therapychat.persistence.Database;
import org.therapychat.persistence.JooqActionLog;
import org.therapychat.persistence.PgChangeFeed;
import org.therapychat.web.WebServer;

/**
 * The one lifecycle: after the injector is built, migrate the database, seed the demo, start
 * housekeeping and the HTTP server; on stop, the reverse.
 */
public final class TherapyChatApp {
    private static final Logger LOG = LoggerFactory.getLogger(TherapyChatApp.class);
    private static final Duration MAX_DRAIN = Duration.ofSeconds(10);
    /**
     * How long a housekeeping task still running on stop may take to finish (a compaction run takes
     * milliseconds); within the stop's own budget (SHUTDOWN_SECONDS) beside the drain and the rest.
     */
    private static final Duration HOUSEKEEPING_STOP = Duration.ofSeconds(2);
    /** How often the directory worker asks whether a full read is due. */
    private static final Duration SYNC_TICK = Duration.ofSeconds(1);
    private final Injector injector;
    private final Config config;
    private ScheduledExecutorService housekeeping;
    private WebServer server;

    public TherapyChatApp(Injector injector, Config config) {
        this.injector = injector;
        this.config = config;
    }

    public synchronized TherapyChatApp start() {
        Database db = injector.getInstance(Database.class);
        LOG.info("database ready ({})", db.dialect());
        boolean demo = config.demoData() && (DemoData.seedIfEmpty(injector.getInstance(UserStore.class),
                injector.getInstance(AdminService.class), injector.getInstance(Clock.class).now())
                || DemoData.present(injector.getInstance(TherapySessions.class)));
        startHousekeeping();
        // the first full read runs in the background: a REDCap that is down must not keep the app from starting
        injector.getInstance(DirectoryModule.Runtime.class).worker().ifPresent(w -> w.start(SYNC_TICK));
        server = injector.getInstance(WebServer.class).start();
        if (demo && config.smsProvider().equals("outbox")) {
            LOG.info("{}", DemoData.howToLogIn(config.outboxFile(), server.port()));
        }
        return this;
    }

    public int port() {
        return server.port();
    }

    public Injector injector() {
        return injector;
    }

    private void startHousekeeping() {
        AuthSessions auth = injector.getInstance(AuthSessions.class);
        OtpChallenges challenges = injector.getInstance(OtpChallenges.class);
        LoginService login = injector.getInstance(LoginService.class);
        Clock clock = injector.getInstance(Clock.class);
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "housekeeping");
            t.setDaemon(true);
            return t;
        });
        // A poll with nothing new is answered from this snapshot of every session's last id.
        injector.getInstance(JooqActionLog.class).watchHeads(housekeeping, Duration.ofMillis(100));
        // The embedded file's chunks are compacted as H2's own background writer would (Database.keepCompact).
        injector.getInstance(Database.class).keepCompact(housekeeping, Duration.ofSeconds(1));
        // Every periodic task survives whatever one run throws (an Error too): the executor would drop it
        // silently. Only the class is logged: a driver's message can quote stored values.
        housekeeping.scheduleWithFixedDelay(Recurring.keepAlive(() -> {
            int sessions = auth.removeExpired();
            int codes = challenges.removeExpired(clock.now());
            int attempts = login.forgetOldAttempts();
            LOG.debug("housekeeping removed {} sessions, {} pending logins and {} login attempts", sessions, codes,
                    attempts);
        }, t -> LOG.warn("housekeeping failed (tried again in 5 minutes): {}", t.getClass().getName())),
                5, 5, TimeUnit.MINUTES);
        long flushMillis = AuthSessions.ACTIVITY_FLUSH_PERIOD.toMillis();
        housekeeping.scheduleWithFixedDelay(Recurring.keepAlive(auth::flushActivity,
                        t -> LOG.warn("writing session activity failed (kept for the next try): {}", t.getClass().getName())),
                flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * The graceful order: stop accepting and let the requests in flight finish (at most 10 s, or half
     * of SHUTDOWN_SECONDS), write the pending session activity, close the live sockets (1001), stop
     * the server, send or give back the queued SMS, then the change feed and the database.
     */
    public synchronized void stop() {
        if (server != null) {
            Duration half = config.deadlines().shutdown().dividedBy(2);
            server.drain(half.compareTo(MAX_DRAIN) < 0 ? half : MAX_DRAIN);
        }
        injector.getInstance(DirectoryModule.Runtime.class).worker().ifPresent(org.therapychat.core.admin.DirectoryWorker::close);
        if (housekeeping != null) {
            // No interrupt while a task runs: one interrupted in H2's file I/O closes the database's file
            // under everything after it (the activity written below included). Later runs are cancelled.
            housekeeping.shutdown();
            try {
                if (!housekeeping.awaitTermination(HOUSEKEEPING_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                    housekeeping.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                injector.getInstance(AuthSessions.class).flushActivity();
            } catch (RuntimeException e) {
                LOG.warn("writing session activity on stop failed: {}", e.getClass().getSimpleName());
            }
            housekeeping = null;
        }
        if (server != null) {
            server.stop();
            server = null;
        }
        // Codes still queued are sent for a bounded time; the rest are reported and given back.
        injector.getInstance(BackgroundSmsSender.class).shutdown(config.deadlines().shutdown().dividedBy(4));
        ChangeFeed published = injector.getInstance(ChangeFeed.class);
        if (published instanceof DeferredChangeFeed deferred) {
            published = deferred.delegate();
        }
        if (published instanceof PgChangeFeed feed) {
            feed.close();
        }
        injector.getInstance(Database.class).close();
        LOG.info("stopped");
    }
}
