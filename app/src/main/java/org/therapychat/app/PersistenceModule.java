package org.therapychat.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import org.therapychat.core.common.DeferredChangeFeed;
import org.therapychat.core.common.ChangeFeed;
import org.therapychat.core.common.Transactions;
import org.therapychat.core.common.Clock;
import org.therapychat.core.memory.InMemoryChangeFeed;
import org.therapychat.persistence.PgChangeFeed;
import org.therapychat.core.login.CachingUserStore;
import org.therapychat.core.therapy.CachingTherapySessions;
import org.therapychat.core.memory.InMemoryPresence;
import org.therapychat.core.memory.InMemoryWaitingRoom;
import org.therapychat.core.therapy.ThrottledPresence;
import org.therapychat.core.auth.AuthSessionStore;
import org.therapychat.core.chat.ActionLog;
import org.therapychat.core.chat.AnnouncedActionLog;
import org.therapychat.core.common.Randomness;
import org.therapychat.core.login.OtpChallenges;
import org.therapychat.core.login.RateLimits;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.therapy.Assessments;
import org.therapychat.core.therapy.Presence;
import org.therapychat.core.therapy.WaitingRoom;
import org.therapychat.core.therapy.TherapySessions;
import org.therapychat.persistence.Database;
import org.therapychat.persistence.JooqActionLog;
import org.therapychat.persistence.JooqAssessments;
import org.therapychat.persistence.JooqAuditTrail;
import org.therapychat.core.audit.AuditTrail;
import org.therapychat.persistence.JooqAuthSessionStore;
import org.therapychat.persistence.JooqOtpChallenges;
import org.therapychat.persistence.JooqPresence;
import org.therapychat.persistence.JooqWaitingRoom;
import org.therapychat.persistence.JooqRateLimits;
import org.therapychat.persistence.JooqTherapySessions;
import org.therapychat.persistence.JooqUserStore;
import org.therapychat.persistence.PgTimeouts;
import org.therapychat.persistence.ServerSecrets;
import org.therapychat.web.Health;

/**
 * Every persistence port on jOOQ. The two kinds differ only in the {@link Database} they open:
 * {@link #h2(Path)} for the embedded default, {@link #postgres(String)} for production.
 * Nothing connects until the lifecycle asks for the database.
 */
public abstract class PersistenceModule extends AbstractModule {
    private static final int POOL_SIZE = 16;

    /**
     * The embedded file belongs to one process, so presence — rewritten by every poll and worth
     * nothing after a restart — stays in that process's memory, and cached reads hold until this
     * process changes them (every write goes through the caches, which forget what it touches).
     */
    public static PersistenceModule h2(Path dataDir) {
        return new PersistenceModule() {
            @Override
            Database open() {
                return Database.h2File(dataDir, POOL_SIZE);
            }

            @Override
            CacheLifetimes cacheLifetimes() {
                return CacheLifetimes.soleWriter();
            }

            @Override
            ChangeFeed changeFeed(Database db) {
                return new InMemoryChangeFeed();
            }

            @Override
            Presence presenceStore(Database db, Clock clock) {
                return new ThrottledPresence(new InMemoryPresence(), clock, Duration.ZERO, Duration.ofSeconds(1));
            }

            @Override
            WaitingRoom waitingRoomStore(Database db) {
                return new InMemoryWaitingRoom();
            }
        };
    }

    /**
     * Instances share PostgreSQL, so presence lives there too, written at most every 20 s per user:
     * a third of the 60 s lapse, so a user who keeps polling never lapses, at one write in four polls.
     */
    public static PersistenceModule postgres(String jdbcUrl) {
        return postgres(jdbcUrl, PgTimeouts.defaults());
    }

    /** With statement, lock and socket timeouts on every connection, so a stuck database costs a 503, not a thread. */
    public static PersistenceModule postgres(String jdbcUrl, PgTimeouts timeouts) {
        return new PersistenceModule() {
            @Override
            Database open() {
                return Database.postgres(jdbcUrl, POOL_SIZE, timeouts);
            }

            @Override
            CacheLifetimes cacheLifetimes() {
                return CacheLifetimes.sharedDatabase();
            }

            @Override
            ChangeFeed changeFeed(Database db) {
                return new PgChangeFeed(db).start(Duration.ofSeconds(10));
            }

            @Override
            Presence presenceStore(Database db, Clock clock) {
                return new ThrottledPresence(new JooqPresence(db), clock, Duration.ofSeconds(20), Duration.ofSeconds(5));
            }

            @Override
            WaitingRoom waitingRoomStore(Database db) {
                return new JooqWaitingRoom(db);
            }
        };
    }

    abstract Database open();

    abstract Presence presenceStore(Database db, Clock clock);

    /** Beside presence, and for the same reason: one process's memory on H2, shared on PostgreSQL. */
    abstract WaitingRoom waitingRoomStore(Database db);

    abstract CacheLifetimes cacheLifetimes();

    abstract ChangeFeed changeFeed(Database db);

    /** Published once the unit of work that made the change committed (see {@link Transactions}). */
    @Provides @Singleton
    ChangeFeed feed(Database db, Transactions transactions) {
        return new DeferredChangeFeed(changeFeed(db), transactions);
    }

    /** One admin action's writes commit together: units of this database. */
    @Provides @Singleton
    Transactions transactions(Database db) {
        return db.transactions();
    }

    @Provides @Singleton
    CacheLifetimes lifetimes() {
        return cacheLifetimes();
    }

    @Provides @Singleton
    Database database() {
        return open().migrate();
    }

    @Provides @Singleton
    Health health(Database db) {
        return db::isHealthy;
    }

    @Provides @Singleton @OtpKey
    byte[] otpKey(Database db, Randomness randomness) {
        return new ServerSecrets(db).getOrCreate("otp-hmac", () -> randomness.bytes(32));
    }

    /** Every authenticated call looks up its user. */
    @Provides @Singleton
    UserStore users(Database db, Clock clock, ChangeFeed feed, CacheLifetimes lifetimes) {
        JooqUserStore store = new JooqUserStore(db);
        // users from before the unique (phone, identifier) index: keyed now, duplicates named for an admin
        store.fillIdentifierKeys().forEach(line -> org.slf4j.LoggerFactory.getLogger(PersistenceModule.class).warn(line));
        return new CachingUserStore(store, feed, clock, lifetimes.whileFeedLive(), lifetimes.usersWhileDown());
    }

    @Provides @Singleton
    OtpChallenges challenges(Database db) {
        return new JooqOtpChallenges(db);
    }

    @Provides @Singleton
    RateLimits rateLimits(Database db) {
        return new JooqRateLimits(db);
    }

    /** The audit trail: also what export-data lists ({@code after}) and import-data fills ({@code insert}). */
    @Provides @Singleton
    AuditTrail auditTrail(Database db) {
        return new JooqAuditTrail(db);
    }

    @Provides @Singleton
    AuthSessionStore authSessions(Database db) {
        return new JooqAuthSessionStore(db);
    }

    /** Every poll checks membership. */
    @Provides @Singleton
    TherapySessions therapySessions(Database db, Clock clock, ChangeFeed feed, CacheLifetimes lifetimes) {
        return new CachingTherapySessions(new JooqTherapySessions(db), feed, clock, lifetimes.whileFeedLive(),
                lifetimes.therapySessionsWhileDown());
    }

    /** Which users and sessions REDCap owns (V11). */
    @Provides @Singleton
    org.therapychat.core.directory.ManagedRecords managedRecords(Database db) {
        return new org.therapychat.persistence.JooqManagedRecords(db);
    }

    @Provides @Singleton
    Assessments assessments(Database db) {
        return new JooqAssessments(db);
    }

    @Provides @Singleton
    Presence presence(Database db, Clock clock) {
        return presenceStore(db, clock);
    }

    @Provides @Singleton
    WaitingRoom waitingRoom(Database db) {
        return waitingRoomStore(db);
    }

    @Provides @Singleton
    JooqActionLog jooqActionLog(Database db, ChangeFeed feed) {
        return new JooqActionLog(db).followAppends(feed);
    }

    /** Every append is announced to every instance, for live wake-ups. */
    @Provides @Singleton
    ActionLog actionLog(JooqActionLog log, ChangeFeed feed) {
        return new AnnouncedActionLog(log, feed);
    }
}
