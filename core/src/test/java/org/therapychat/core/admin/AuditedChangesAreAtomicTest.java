package org.therapychat.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.WEEK_1;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.therapychat.core.audit.Actor;
import org.therapychat.core.audit.Audit;
import org.therapychat.core.audit.AuditEntry;
import org.therapychat.core.audit.AuditTrail;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.UserId;
import org.therapychat.core.fixtures.World;
import org.therapychat.core.login.StrictPhoneNumberParser;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserStore;
import org.therapychat.core.memory.InMemoryTransactions;
import org.therapychat.core.therapy.TherapySession;

/**
 * Issue 21 B1/B2: an admin change and its audit entry are one unit, and so is a whole roster
 * import: when the second write fails, the first is not kept (the in-memory stores take it back).
 */
class AuditedChangesAreAtomicTest {
    private static final Actor SAM = Actor.user(UserId.of("S1"));
    private final World world = new World().withWeek1();
    private final AtomicBoolean trailDown = new AtomicBoolean();
    private final AuditTrail trail = new AuditTrail() {
        @Override
        public AuditEntry append(Instant at, String actor, String action, String target, String outcome) {
            if (trailDown.get()) {
                throw new PortFailure("The audit trail is locked.", null);
            }
            return world.auditTrail.append(at, actor, action, target, outcome);
        }

        @Override
        public List<AuditEntry> after(long afterId, int limit) {
            return world.auditTrail.after(afterId, limit);
        }

        @Override
        public List<AuditEntry> before(long beforeId, int limit) {
            return world.auditTrail.before(beforeId, limit);
        }

        @Override
        public void insert(AuditEntry entry) {
            world.auditTrail.insert(entry);
        }
    };
    private final Audit audit = new Audit(trail, world.clock, new InMemoryTransactions());

    private AdminService admin(UserStore users) {
        return new AdminService(users, new StrictPhoneNumberParser(), world.sessions, world.assessments, world.log,
                world.serverActions, world.auth, audit, world.settings);
    }

    @Test
    void aChangeWhoseAuditEntryCannotBeAppendedIsNotKeptAndTheCallerIsToldItFailed() {
        AdminService admin = admin(world.users);
        User ana = world.users.findById(ANA).orElseThrow();
        TherapySession week1 = world.sessions.find(WEEK_1).orElseThrow();
        long logBefore = world.log.readAfter(WEEK_1, 0, 1000).size();
        trailDown.set(true);

        assertThatThrownBy(() -> admin.putUser(SAM, ANA, new UserSpec("participant", "Renamed", "+16505550101", "Smith")))
                .isInstanceOf(PortFailure.class);
        assertThatThrownBy(() -> admin.putUser(SAM, ANA, new UserSpec(null, null, null, null, true)))
                .isInstanceOf(PortFailure.class);
        assertThatThrownBy(() -> admin.putUser(SAM, UserId.of("P99"), new UserSpec("participant", "New", "+16505550199", "New")))
                .isInstanceOf(PortFailure.class);
        assertThatThrownBy(() -> admin.putTherapySession(SAM, WEEK_1, new TherapySessionSpec("Renamed week", "",
                week1.date().toString(), List.of(ANA.value()), "auto"))).isInstanceOf(PortFailure.class);
        assertThatThrownBy(() -> admin.postNotice(SAM, WEEK_1, "We start soon")).isInstanceOf(PortFailure.class);
        assertThatThrownBy(() -> admin.endTherapySession(SAM, WEEK_1)).isInstanceOf(PortFailure.class);

        assertThat(world.users.findById(ANA)).contains(ana);
        assertThat(world.users.findById(UserId.of("P99"))).isEmpty();
        assertThat(world.sessions.find(WEEK_1)).contains(week1);
        assertThat(world.log.readAfter(WEEK_1, 0, 1000)).as("no notice, no update_chat_details, no closing").hasSize(
                (int) logBefore);
        assertThat(world.auditTrail.after(0, 100)).isEmpty();

        trailDown.set(false);
        admin.putUser(SAM, ANA, new UserSpec("participant", "Renamed", "+16505550101", "Smith"));
        assertThat(world.users.findById(ANA).orElseThrow().displayName()).isEqualTo("Renamed");
        assertThat(world.auditTrail.after(0, 100)).extracting(e -> e.action() + " " + e.target() + " " + e.outcome())
                .containsExactly("user.put P123 ok");
    }

    @Test
    void aRosterImportIsStoredWholeOrNotAtAll() {
        AtomicInteger puts = new AtomicInteger();
        UserStore failingAtTheThirtiethRow = new UserStore() {
            @Override
            public void put(User user) {
                if (puts.incrementAndGet() == 30) {
                    throw new PortFailure("The row is locked.", null);
                }
                world.users.put(user);
            }

            @Override
            public boolean isEmpty() {
                return world.users.isEmpty();
            }

            @Override
            public List<User> list() {
                return world.users.list();
            }

            @Override
            public java.util.Optional<User> findById(UserId id) {
                return world.users.findById(id);
            }

            @Override
            public List<User> findByPhone(org.therapychat.core.login.PhoneNumber phone) {
                return world.users.findByPhone(phone);
            }
        };
        AdminService admin = admin(failingAtTheThirtiethRow);
        RosterImport roster = new RosterImport(failingAtTheThirtiethRow, new StrictPhoneNumberParser(), audit, admin);
        StringBuilder csv = new StringBuilder("id,role,displayName,phone,identifier\r\n");
        for (int i = 0; i < 60; i++) {
            csv.append(String.format("R%02d,participant,Row %d,+165055520%02d,Row%d\r\n", i, i, i, i));
        }
        List<User> before = world.users.list();

        assertThatThrownBy(() -> roster.importCsv(SAM, csv.toString())).isInstanceOf(PortFailure.class);

        assertThat(world.users.list()).as("none of the 29 rows stored before the failure is kept").isEqualTo(before);
        assertThat(world.auditTrail.after(0, 100)).extracting(e -> e.action() + " " + e.outcome())
                .containsExactly("user.import unavailable");
        assertThat(roster.importCsv(SAM, csv.toString()).created()).as("a retry stores them all").isEqualTo(60);
    }
}
