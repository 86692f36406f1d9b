package org.therapychat.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.ana;
import static org.therapychat.core.fixtures.Samples.ben;
import static org.therapychat.core.fixtures.Samples.user;
import static org.therapychat.persistence.jooq.Tables.USERS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.directory.ManagedRecords.Kind;
import org.therapychat.core.fixtures.Samples;
import org.therapychat.core.login.CachingUserStore;
import org.therapychat.core.login.Identifier;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.memory.InMemoryChangeFeed;
import org.therapychat.core.therapy.Member;

/** Issue 23 review: the batched writes (UserStore.putAll, ManagedRecords.markAll, a new session's members). */
class BatchWritesTest {
    private static Database db(String kind) {
        return TestDatabases.reset(kind.equals("h2") ? TestDatabases.h2() : TestDatabases.postgres());
    }

    private static User other() {
        return user(UserId.of("P901"), Role.PARTICIPANT, "Other", "+16505559901", "Other");
    }

    private static User twin() {
        return user(UserId.of("P900"), Role.PARTICIPANT, "Twin", ana().phone().e164(), " SMÍTH ");
    }

    /** The batch is refused inside an outer unit (PostgreSQL: aborted unless rolled back to a savepoint). */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRefusedBatchInsideAUnitNamesTheFieldAndLeavesTheUnitUsable(String kind) {
        Database db = db(kind);
        JooqUserStore store = new JooqUserStore(db);
        store.put(ana());
        db.unit(() -> {
            store.put(ben());
            assertThatThrownBy(() -> store.putAll(List.of(other(), twin())))
                    .isInstanceOf(ValidationFailed.class).hasMessageContaining("phone and identifier");
            // the unit's transaction is still usable: a read and a write after the refusal
            assertThat(store.findById(ANA)).contains(ana());
            store.put(user(UserId.of("P902"), Role.PARTICIPANT, "After", "+16505559902", "After"));
            return null;
        });
        assertThat(store.findById(Samples.BEN)).contains(ben());
        assertThat(store.findById(UserId.of("P902"))).isPresent();
        assertThat(store.findById(UserId.of("P900"))).isEmpty();
        // as the default loop of put would: the user before the refused one is stored
        assertThat(store.findById(UserId.of("P901"))).contains(other());
    }

    /** The keyless rule of put: a duplicate from before V6 keeps no key while its pair stays; gets one when it changes. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void keylessUsersAreTreatedAsPutTreatsThem(String kind) {
        Database db = db(kind);
        JooqUserStore store = new JooqUserStore(db);
        store.put(ana());
        // P9: the same pair as Ana, stored before V6 without a key
        db.run(dsl -> dsl.insertInto(USERS).set(USERS.ID, "P9").set(USERS.ROLE_NAME, "participant")
                .set(USERS.DISPLAY_NAME, "Dup").set(USERS.PHONE, ana().phone().e164())
                .set(USERS.IDENTIFIER, "smith").set(USERS.DISABLED, false).execute());
        db.run(dsl -> dsl.insertInto(USERS).set(USERS.ID, "P10").set(USERS.ROLE_NAME, "participant")
                .set(USERS.DISPLAY_NAME, "Keyless").set(USERS.PHONE, "+16505550110")
                .set(USERS.IDENTIFIER, "Ten").set(USERS.DISABLED, false).execute());
        User dupRenamedDisabled = user(UserId.of("P9"), Role.PARTICIPANT, "Dup renamed", ana().phone().e164(), "SMITH")
                .withDisabled(true);
        User tenMoved = user(UserId.of("P10"), Role.PARTICIPANT, "Keyless", "+16505550111", "Ten");
        store.putAll(List.of(dupRenamedDisabled, tenMoved, ben()));
        assertThat(store.findById(UserId.of("P9"))).contains(dupRenamedDisabled);
        assertThat(store.findById(UserId.of("P10"))).contains(tenMoved);
        assertThat(key(db, "P9")).isNull();
        assertThat(key(db, "P10")).isEqualTo(JooqUserStore.identifierKey(new Identifier("Ten")));
        assertThat(key(db, ANA.value())).isEqualTo(JooqUserStore.identifierKey(ana().identifier()));
        assertThat(key(db, Samples.BEN.value())).isEqualTo(JooqUserStore.identifierKey(ben().identifier()));
    }

    private static String key(Database db, String id) {
        return db.read(dsl -> dsl.select(USERS.IDENTIFIER_KEY).from(USERS).where(USERS.ID.eq(id)).fetchOne(USERS.IDENTIFIER_KEY));
    }

    /** Every named parameter (each used in the insert and in the update part) lands in its own column. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void namedParametersBindOnBothPartsOfTheUpsert(String kind) {
        Database db = db(kind);
        JooqUserStore store = new JooqUserStore(db);
        store.put(ana());
        store.put(ben());
        List<User> users = List.of(
                user(ANA, Role.THERAPIST, "Ana 2", "+16505550201", "Smith2").withDisabled(true),
                user(Samples.BEN, Role.PARTICIPANT, "Ben 2", "+16505550202", "Jones2"),
                user(UserId.of("N1"), Role.STAFF, "New 1", "+16505550203", "New1").withDisabled(true));
        store.putAll(users);
        for (User u : users) {
            assertThat(store.findById(u.id())).contains(u);
            assertThat(key(db, u.id().value())).isEqualTo(JooqUserStore.identifierKey(u.identifier()));
        }
    }

    /** A refused batch still leaves no stale cached user (the fallback stored the first one). */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theCacheForgetsEveryUserOfARefusedBatch(String kind) {
        Database db = db(kind);
        CachingUserStore cached = new CachingUserStore(new JooqUserStore(db), new InMemoryChangeFeed(), Clock.system(),
                Duration.ofMinutes(5), Duration.ofMinutes(5));
        cached.put(ana());
        cached.put(ben());
        assertThat(cached.findById(Samples.BEN)).contains(ben());
        User benRenamed = user(Samples.BEN, Role.PARTICIPANT, "Ben renamed", ben().phone().e164(), "Jones");
        assertThatThrownBy(() -> cached.putAll(List.of(benRenamed, twin()))).isInstanceOf(ValidationFailed.class);
        assertThat(cached.findById(Samples.BEN)).contains(benRenamed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void markAllInAUnitWithRepeatsAndEarlierMarks(String kind) {
        Database db = db(kind);
        JooqManagedRecords marks = new JooqManagedRecords(db);
        marks.mark(Kind.USER, "A", "Other");
        db.unit(() -> {
            marks.markAll(Kind.USER, List.of("A", "B", "B", "C"), "REDCap");
            return null;
        });
        assertThat(marks.all(Kind.USER)).containsExactlyEntriesOf(
                new java.util.TreeMap<>(java.util.Map.of("A", "REDCap", "B", "REDCap", "C", "REDCap")));
        assertThat(marks.all(Kind.SESSION)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aNewSessionsMembersAreInsertedInOrder(String kind) {
        Database db = db(kind);
        JooqTherapySessions sessions = new JooqTherapySessions(db);
        List<UserId> members = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            members.add(UserId.of("M" + (7 - i)));
        }
        TherapySessionId id = TherapySessionId.of("week-9");
        db.unit(() -> sessions.define(Samples.definition(id, Instant.parse("2026-01-01T10:00:00Z"),
                members.toArray(UserId[]::new))));
        assertThat(sessions.find(id).orElseThrow().members()).extracting(Member::user).containsExactlyElementsOf(members);
        assertThat(sessions.find(id).orElseThrow().members()).allMatch(m -> !m.admitted() && !m.revoked());
    }

    private static List<User> many(String prefix, int n) {
        List<User> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(user(UserId.of(prefix + i), Role.PARTICIPANT, "Person " + i, String.format("+1650556%04d", i), "Last" + i));
        }
        return list;
    }

    /**
     * Another unit (an admin's roster import, another sync) holds 3 of the 20 rows a sync writes. One
     * by one (the code before the batch, "loop"), the sync fails after one lock wait (H2: 10 s). H2's
     * executeBatch goes on after a failed entry, so the batch waits the lock timeout once per held
     * row, and putAll's fallback then waits once more.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"h2,users,loop", "h2,users,batch", "h2,marks,loop", "h2,marks,batch",
            "postgres,users,loop", "postgres,users,batch"})
    void aSyncBlockedByRowsAnotherUnitHoldsFailsAfterOneLockWait(String kind, String what, String mode) throws Exception {
        Database db = db(kind);
        JooqUserStore store = new JooqUserStore(db);
        JooqManagedRecords marks = new JooqManagedRecords(db);
        List<User> users = many("S", 20);
        List<String> ids = users.stream().map(u -> u.id().value()).toList();
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread holder = new Thread(() -> db.unit(() -> {
            for (int i : new int[] {4, 9, 14}) {
                if (what.equals("users")) {
                    store.put(users.get(i));
                } else {
                    marks.mark(Kind.USER, ids.get(i), "Other");
                }
            }
            held.countDown();
            try {
                done.await(150, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        held.await();
        long start = System.nanoTime();
        String outcome;
        try {
            db.unit(() -> {
                if (what.equals("users")) {
                    if (mode.equals("batch")) {
                        store.putAll(users);
                    } else {
                        users.forEach(store::put);
                    }
                } else if (mode.equals("batch")) {
                    marks.markAll(Kind.USER, ids, "REDCap");
                } else {
                    ids.forEach(id -> marks.mark(Kind.USER, id, "REDCap"));
                }
                return null;
            });
            outcome = "ok";
        } catch (RuntimeException e) {
            outcome = e.getClass().getSimpleName();
        } finally {
            done.countDown();
            holder.join();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.err.println("batch writes: " + kind + " " + what + " " + mode + " blocked: " + took.toMillis() + " ms " + outcome);
        assertThat(took).as("%s %s %s: %s", kind, what, mode, outcome).isLessThan(Duration.ofSeconds(25));
    }

    /** An admin writes a user with the pair a new user of the batch has, in a unit still open while the batch runs. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aBatchWaitingOnAnUncommittedTwinIsRefusedByName(String kind) throws Exception {
        Database db = db(kind);
        JooqUserStore store = new JooqUserStore(db);
        List<User> users = many("S", 50);
        User twinOfS25 = user(UserId.of("W1"), Role.PARTICIPANT, "W", users.get(25).phone().e164(), "last25");
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread admin = new Thread(() -> db.unit(() -> {
            store.put(twinOfS25);
            written.countDown();
            try {
                release.await();
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        admin.start();
        written.await();
        release.countDown();
        Throwable[] thrown = new Throwable[1];
        try {
            db.unit(() -> {
                store.putAll(users);
                return null;
            });
        } catch (RuntimeException e) {
            thrown[0] = e;
        }
        admin.join();
        System.err.println("batch writes: " + kind + " twin race: " + thrown[0]);
        assertThat(thrown[0]).isInstanceOf(ValidationFailed.class);
        assertThat(store.findById(UserId.of("W1"))).contains(twinOfS25);
        assertThat(store.list()).hasSize(1);
    }
}
