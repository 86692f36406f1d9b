package org.therapychat.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.Recurring;
import org.therapychat.core.common.Transactions;

/**
 * A pooled connection to the embedded H2 file or to PostgreSQL, with the schema migrated by
 * Flyway. Every adapter runs its SQL through {@link #read} or {@link #transaction}, which turn
 * driver failures into the core's {@link PortFailure}.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final SQLDialect dialect;
    private final AppendOrder appendOrder;

    private Database(HikariDataSource dataSource, SQLDialect dialect, Duration lockTimeout) {
        this.appendOrder = new AppendOrder(this, lockTimeout);
        this.dataSource = dataSource;
        this.dialect = dialect;
        // Unquoted names: H2 folds them to upper case, PostgreSQL to lower, and both match the scripts.
        this.dsl = DSL.using(dataSource, dialect, new Settings()
                .withRenderQuotedNames(RenderQuotedNames.NEVER)
                .withExecuteLogging(false)
                // nothing reads a statement's SQL warnings: fetching them was a call per statement
                .withFetchWarnings(false));
    }

    private static final Duration H2_LOCK_TIMEOUT = Duration.ofSeconds(10);

    /** The embedded default: an H2 file under {@code dataDir}. */
    public static Database h2File(Path dataDir, int poolSize) {
        return h2File(dataDir, poolSize, "");
    }

    /** The same with more H2 settings ({@code ";RETENTION_TIME=0"}): for tests. */
    static Database h2File(Path dataDir, int poolSize, String moreSettings) {
        Path file = dataDir.toAbsolutePath().resolve("therapychat");
        // WRITE_DELAY=0: a commit is written before it is acknowledged, so kill -9 loses nothing acknowledged.
        // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the file under the requests a graceful
        // stop is still answering; the app's lifecycle closes it last.
        return h2("jdbc:h2:file:" + file + ";LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT.toMillis() + ";WRITE_DELAY=0"
                + ";DB_CLOSE_ON_EXIT=FALSE" + QUERY_CACHE + moreSettings, poolSize);
    }

    /**
     * Statements each H2 connection keeps parsed, by their SQL text. H2's default of 8 is fewer than
     * one chat request runs (login session, membership, the append's lock, insert and head, the read
     * back), so statements were parsed again and again: about 6 % of the request threads' CPU in the
     * live benchmark.
     */
    private static final String QUERY_CACHE = ";QUERY_CACHE_SIZE=128";

    /** A private in-memory H2 database, gone when closed: for tests. */
    public static Database h2Memory(String name) {
        return h2("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT.toMillis() + QUERY_CACHE, 8);
    }

    private static Database h2(String url, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("therapychat-h2");
        return new Database(new HikariDataSource(config), SQLDialect.H2, H2_LOCK_TIMEOUT);
    }

    /** PostgreSQL from a JDBC URL such as {@code jdbc:postgresql://host/db?user=…&password=…}. */
    public static Database postgres(String jdbcUrl, int poolSize) {
        return postgres(jdbcUrl, poolSize, PgTimeouts.defaults());
    }

    /** PostgreSQL with the given statement, lock and socket timeouts on every connection (see {@link PgTimeouts}). */
    public static Database postgres(String jdbcUrl, int poolSize, PgTimeouts timeouts) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(timeouts.applyTo(jdbcUrl));
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("therapychat-postgres");
        // A request waits at most this for a connection, then answers 503.
        config.setConnectionTimeout(3_000);
        config.setInitializationFailTimeout(-1);
        return new Database(new HikariDataSource(config), SQLDialect.POSTGRES, timeouts.lock());
    }

    /** Brings the schema up to date; safe to run from several instances at once. */
    /**
     * Reports the pool's connections and waits to a Micrometer {@code MeterRegistry} (HikariCP's own
     * binding; taken as an {@code Object} so that this adapter does not depend on Micrometer).
     */
    public void reportPoolTo(Object meterRegistry) {
        dataSource.setMetricRegistry(meterRegistry);
    }

    public Database migrate() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return this;
    }

    /**
     * Brings the schema up to {@code version} and no further: how an upgrade test builds a database
     * as an older release left it.
     */
    public Database migrateTo(String version) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(version).load().migrate();
        return this;
    }

    /** The schema version Flyway last applied ("4"), or "0" before the first migration. */
    public String schemaVersion() {
        var current = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().info().current();
        return current == null ? "0" : current.getVersion().getVersion();
    }

    /**
     * Runs {@code work} in one read-only REPEATABLE READ transaction: on PostgreSQL every query in
     * it sees the same snapshot while instances keep writing, so a study exported from a running
     * system is consistent. Rows can be streamed ({@code fetchLazy}): the connection does not
     * autocommit, so the driver fetches in chunks of the query's fetch size.
     */
    public <T> T snapshot(Function<DSLContext, T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                T result = work.apply(DSL.using(connection, dialect, dsl.settings()));
                connection.commit();
                return result;
            } catch (RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | DataAccessException e) {
            throw new PortFailure("The database is not available.", e);
        }
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /**
     * Runs one batch of many rows as {@link #transaction} does (a savepoint inside a unit), and
     * tells whether it went through. H2 runs every entry of a batch even after one failed, so a
     * batch meeting rows another unit holds would wait the lock timeout once per such row: on H2
     * the batch waits for no lock, and a refused batch is taken back whole. The caller then writes
     * the rows one by one, which wait once and stop at the first failure, as before batching.
     * PostgreSQL stops a batch at its first failure: it waits as any statement does.
     *
     * @return false when the caller should write the rows one by one (a unique violation, or on H2 a held row)
     * @throws PortFailure for any other failure
     */
    boolean batch(java.util.function.Consumer<DSLContext> work) {
        boolean h2 = dialect == SQLDialect.H2;
        try {
            transaction(tx -> {
                if (h2) {
                    tx.execute("SET LOCK_TIMEOUT 0");
                }
                try {
                    work.accept(tx);
                } finally {
                    if (h2) {
                        tx.execute("SET LOCK_TIMEOUT " + H2_LOCK_TIMEOUT.toMillis());
                    }
                }
                return null;
            });
            return true;
        } catch (PortFailure e) {
            if (h2 || isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    AppendOrder appendOrder() {
        return appendOrder;
    }

    /** Whether a reader must stop at the committed mark of {@link AppendOrder} (see there). */
    boolean readsNeedCommittedMark() {
        return dialect == SQLDialect.H2;
    }

    public <T> T read(Function<DSLContext, T> query) {
        Unit unit = CURRENT.get();
        try {
            return query.apply(unit != null && unit.database == this ? unit.dsl : dsl);
        } catch (DataAccessException e) {
            throw new PortFailure("The database is not available.", e);
        }
    }

    /**
     * Runs {@code work} in a transaction of its own, or, inside a {@link #unit} of this database,
     * as a savepoint of the unit's transaction: a failure (a unique violation an adapter expects)
     * takes back only this work, and nothing commits before the unit does.
     */
    public <T> T transaction(Function<DSLContext, T> work) {
        Unit unit = CURRENT.get();
        DSLContext on = unit != null && unit.database == this ? unit.dsl : dsl;
        try {
            return on.transactionResult(config -> work.apply(config.dsl()));
        } catch (DataAccessException e) {
            throw new PortFailure("The database is not available.", e);
        }
    }

    /** The open unit of work of a thread: its transaction, and what waits for its end. */
    private static final class Unit {
        final Database database;
        final DSLContext dsl;
        final List<Runnable> afterCommit = new ArrayList<>();
        /** In-process locks the unit's writes hold (see {@link AppendOrder}): released first, whatever happens after. */
        final List<Consumer<Boolean>> releases = new ArrayList<>();
        final List<Runnable> afterUnit = new ArrayList<>();

        Unit(Database database, DSLContext dsl) {
            this.database = database;
            this.dsl = dsl;
        }
    }

    private static final ThreadLocal<Unit> CURRENT = new ThreadLocal<>();

    /**
     * Runs {@code work} as one transaction that every adapter call on this thread joins (see
     * {@link #transaction}): an admin change and its audit entry, a whole import, commit together
     * or not at all. A unit inside a unit joins the outer one. The core's units of work
     * ({@link Transactions}) are these.
     */
    public <T> T unit(Supplier<T> work) {
        Unit open = CURRENT.get();
        if (open != null) {
            if (open.database != this) {
                throw new IllegalStateException("a unit of work spans one database");
            }
            return work.get();
        }
        Unit[] unit = new Unit[1];
        boolean committed = false;
        try {
            T result = dsl.transactionResult(config -> {
                unit[0] = new Unit(this, config.dsl());
                CURRENT.set(unit[0]);
                try {
                    return work.get();
                } finally {
                    CURRENT.remove();
                }
            });
            committed = true;
            return result;
        } catch (DataAccessException e) {
            throw new PortFailure("The database is not available.", e);
        } finally {
            if (unit[0] != null) {
                end(unit[0], committed);
            }
        }
    }

    /**
     * Releases what the unit held, then tells who waited for its end. Each step runs whatever the
     * others throw, and a failure after a commit is logged, never thrown: the caller's writes are
     * stored, and an exception would tell them otherwise.
     */
    private static void end(Unit unit, boolean committed) {
        for (Consumer<Boolean> release : unit.releases) {
            runLogged(() -> release.accept(committed));
        }
        unit.afterUnit.forEach(Database::runLogged);
        if (committed) {
            unit.afterCommit.forEach(Database::runLogged);
        }
    }

    private static void runLogged(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.error("a step after a unit of work failed ({}); the unit's own outcome stands", e.toString());
        }
    }

    /** Runs {@code action} once the unit open on this thread committed (never if it failed); at once outside a unit. */
    public void afterCommit(Runnable action) {
        Unit unit = CURRENT.get();
        if (unit == null || unit.database != this) {
            action.run();
        } else {
            unit.afterCommit.add(action);
        }
    }

    /**
     * Whether a unit of work of this database is open on this thread: an adapter that holds an
     * in-process lock for its write must then hold it until {@link #whenUnitEnds} tells the end.
     */
    boolean inUnit() {
        Unit unit = CURRENT.get();
        return unit != null && unit.database == this;
    }

    /**
     * Runs {@code hook} with whether the unit open on this thread committed, once it ended, before
     * anything else waiting for its end: for releasing in-process locks the unit's writes hold.
     */
    void whenUnitEnds(Consumer<Boolean> hook) {
        CURRENT.get().releases.add(hook);
    }

    /** The core's units of work, as units of this database. */
    public Transactions transactions() {
        return new Transactions() {
            @Override
            public <T> T inOne(Supplier<T> work) {
                return unit(work);
            }

            @Override
            public void afterCommit(Runnable action) {
                Database.this.afterCommit(action);
            }

            @Override
            public void afterUnit(Runnable action) {
                if (inUnit()) {
                    CURRENT.get().afterUnit.add(action);
                } else {
                    action.run();
                }
            }
        };
    }

    public void run(java.util.function.Consumer<DSLContext> work) {
        transaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** A connection outside the pool, for a session that must stay open (LISTEN). */
    Connection dedicatedConnection() throws SQLException {
        Properties credentials = new Properties();
        if (dataSource.getUsername() != null) {
            credentials.setProperty("user", dataSource.getUsername());
        }
        if (dataSource.getPassword() != null) {
            credentials.setProperty("password", dataSource.getPassword());
        }
        // The pool's URL: the same socket timeout bounds any statement the listener runs, and
        // waiting for notifications sets its own shorter read timeout for the wait.
        return DriverManager.getConnection(dataSource.getJdbcUrl(), credentials);
    }

    /**
     * Whether the database answers a trivial query now, within about {@link #HEALTH_CHECK_WAIT}
     * for the read (a connection waits at most the pool's own timeout): a probe never hangs on a
     * silent network for the full socket timeout.
     */
    public boolean isHealthy() {
        try (Connection connection = dataSource.getConnection()) {
            if (dialect == SQLDialect.POSTGRES) {
                connection.setNetworkTimeout(Runnable::run, (int) HEALTH_CHECK_WAIT.toMillis());
            }
            DSL.using(connection, dialect).selectOne().fetch();
            return true;
        } catch (SQLException | DataAccessException e) {
            return false;
        }
    }

    static final Duration HEALTH_CHECK_WAIT = Duration.ofSeconds(2);

    /** Runs an insert that may lose a race to an identical one; losing is fine. */
    public void insertUnlessPresent(Function<DSLContext, Integer> insert) {
        try {
            transaction(insert);
        } catch (PortFailure e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    static boolean isUniqueViolation(PortFailure e) {
        return e.getCause() instanceof DataAccessException d && "23505".equals(d.sqlState());
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * Keeps the embedded file compact while the app runs, every {@code period} on {@code scheduler};
     * nothing to do on PostgreSQL or an in-memory database. H2 writes each commit as a chunk of its
     * own, and the background writer that would rewrite the live rest of old chunks does not run
     * with {@code WRITE_DELAY=0} (every commit written before it is acknowledged). So every chunk
     * kept the few pages still live in it for good: the file grew by several KB per commit (3.2 GB
     * while 20,000 participants logged in, in {@code bin/bench-load}) and never shrank. This does
     * that writer's work, only as much as it takes: while less than {@link #COMPACT_BELOW_FILL_PERCENT}
     * of the old chunks (those past H2's 45 s retention) is live, a run moves at most
     * {@link #COMPACT_WRITE_BYTES} of live pages out of the emptiest of them, whose space new chunks
     * then reuse. (H2's own gate, the fill rate of every chunk, counts the young chunks too: they are
     * mostly dead, so it always opened, and the same cold pages were moved again and again — 0.5 to
     * 0.7 CPU-s a minute of the live benchmark.) A failed run is logged (its class only) and tried
     * again the next period.
     */
    public void keepCompact(ScheduledExecutorService scheduler, Duration period) {
        Optional<MVStore> store = h2Store();
        if (store.isEmpty()) {
            return;
        }
        scheduler.scheduleWithFixedDelay(Recurring.keepAlive(() -> compactNow(store.get()),
                        t -> LOG.warn("compacting the embedded database failed (tried again in {}): {}", period,
                                t.getClass().getName())),
                period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One run of {@link #keepCompact}; false when there was nothing to compact. */
    boolean compactNow() {
        return h2Store().map(Database::compactNow).orElse(false);
    }

    private static boolean compactNow(MVStore store) {
        if (store.isClosed() || oldChunksFillPercent(store) >= COMPACT_BELOW_FILL_PERCENT) {
            return false;
        }
        // 100: past H2's gate (see keepCompact); it moves the emptiest and oldest old chunks' pages first
        if (!store.compact(100, COMPACT_WRITE_BYTES)) {
            return false;
        }
        // The moved pages are written here, not by the next chat request's commit (nor never, when none comes).
        store.commit();
        return true;
    }

    /** The share of the old chunks' space that is live, as H2 reports it ({@code info.CHUNKS_FILL_RATE_RW}). */
    static int oldChunksFillPercent(MVStore store) {
        int[] percent = {100};
        store.populateInfo((name, value) -> {
            if (name.equals("info.CHUNKS_FILL_RATE_RW")) {
                percent[0] = Integer.parseInt(value);
            }
        });
        return percent[0];
    }

    /** {@link #oldChunksFillPercent(MVStore)} of the H2 file; 100 where there is no file. */
    int oldChunksFillPercent() {
        return h2Store().map(Database::oldChunksFillPercent).orElse(100);
    }

    /** The H2 file's store, or empty on PostgreSQL and on an in-memory H2 database. */
    private Optional<MVStore> h2Store() {
        if (dialect != SQLDialect.H2 || !dataSource.getJdbcUrl().startsWith("jdbc:h2:file:")) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection()) {
            return Optional.of(((SessionLocal) connection.unwrap(JdbcConnection.class).getSession())
                    .getDatabase().getStore().getMvStore());
        } catch (SQLException e) {
            throw new PortFailure("The database is not available.", e);
        }
    }

    /** Old chunks are rewritten while less than this share of their space is live: the file stays within about twice its live data, plus the young chunks. */
    private static final int COMPACT_BELOW_FILL_PERCENT = 50;
    /** The most live pages one compaction run moves: a short hold of H2's store lock. */
    private static final int COMPACT_WRITE_BYTES = 512 * 1024;
}
