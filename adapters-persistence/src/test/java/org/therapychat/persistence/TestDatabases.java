package org.therapychat.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One migrated database of each kind per test JVM: an in-memory H2 and a real PostgreSQL server
 * on loopback (zonky's embedded binaries: no Docker, no system package, no skipping in CI).
 */
final class TestDatabases {
    private static final List<String> TABLES = List.of("members", "therapy_sessions", "users", "otp_challenges",
            "rate_events", "rate_keys", "auth_sessions", "assessments", "managed_records", "presence", "waiting_room", "actions", "action_log_heads", "server_secrets",
            "audit_entries");
    private static Database h2;
    private static Database postgres;
    private static EmbeddedPostgres server;

    private TestDatabases() {
    }

    static synchronized Database h2() {
        if (h2 == null) {
            h2 = Database.h2Memory("contracts").migrate();
        }
        return h2;
    }

    static synchronized Database postgres() {
        if (postgres == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            // The contracts are about order and outcomes, not deadlines: sixteen racing writers on a
            // busy test machine may queue for longer than production's 2 s lock timeout.
            postgres = Database.postgres(server.getJdbcUrl("postgres", "postgres"), 20,
                    new PgTimeouts(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(15),
                            java.time.Duration.ofSeconds(60))).migrate();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                postgres.close();
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary data directory goes with it
                }
            }));
        }
        return postgres;
    }

    /** A new, unmigrated in-memory H2 database of its own. */
    static Database freshH2(String name) {
        return opened(Database.h2Memory(name + "-" + java.util.UUID.randomUUID()));
    }

    /** A new, unmigrated database of its own on a second PostgreSQL server (the scratch one). */
    static synchronized Database freshPostgres(String name) {
        if (scratch == null) {
            try {
                scratch = EmbeddedPostgres.builder().start();
                EmbeddedPostgres started = scratch;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the temporary data directory goes with it
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the scratch PostgreSQL", e);
            }
        }
        String database = (name + "_" + java.util.UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        try (Database admin = Database.postgres(scratch.getJdbcUrl("postgres", "postgres"), 1)) {
            admin.read(dsl -> dsl.execute("CREATE DATABASE " + database));
        }
        return opened(Database.postgres(scratch.getJdbcUrl("postgres", database), 4));
    }

    /** A server of its own for fresh databases, so creating them never slows the contracts' server. */
    private static EmbeddedPostgres scratch;

    private static final List<Database> FRESH = new java.util.ArrayList<>();

    private static synchronized Database opened(Database db) {
        FRESH.add(db);
        return db;
    }

    /** Closes the pools of every fresh database (an in-memory H2 goes with its pool). */
    static synchronized void closeFresh() {
        FRESH.forEach(Database::close);
        FRESH.clear();
    }

    /** The port of the PostgreSQL server behind {@link #postgres()}. */
    static synchronized int postgresPort() {
        postgres();
        return server.getPort();
    }

    /** Empties every table, so each contract test starts from nothing. */
    static Database reset(Database db) {
        db.run(dsl -> TABLES.forEach(t -> dsl.deleteFrom(org.jooq.impl.DSL.table(t)).execute()));
        db.run(dsl -> dsl.execute("UPDATE audit_head SET last_id = 0"));
        return db;
    }
}
