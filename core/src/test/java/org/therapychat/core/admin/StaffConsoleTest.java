package org.therapychat.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.ana;
import static org.therapychat.core.fixtures.Samples.ben;
import static org.therapychat.core.fixtures.Samples.therapist;
import static org.therapychat.core.fixtures.Samples.user;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.therapychat.core.audit.Actor;
import org.therapychat.core.audit.AuditEntry;
import org.therapychat.core.auth.Caller;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.Unauthenticated;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.UserId;
import org.therapychat.core.fixtures.World;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.therapy.SessionStatus;

/** SPEC §4 for staff: who may call the admin API, disabling, and the audit trail of every kind of call. */
class StaffConsoleTest {
    private static final User SAM = user(UserId.of("S1"), Role.STAFF, "Sam Coordinator", "+16505550198", "Coordinator");
    private final World world = new World().withWeek1();
    private final Actor sam = Actor.user(SAM.id());

    StaffConsoleTest() {
        world.users.put(SAM);
    }

    private List<String> audited() {
        return world.audit.after(0).stream().map(e -> e.actor() + " " + e.action() + " " + e.target() + " " + e.outcome())
                .toList();
    }

    @Test
    void staffPassAndEveryoneElseIsRefusedAndAudited() {
        Caller staff = world.caller(world.logIn(SAM));
        assertThat(world.staffAccess.requireStaff(staff, "GET /admin/users")).isEqualTo(sam);
        Caller participant = world.caller(world.logIn(ana()));
        Caller lee = world.caller(world.logIn(therapist()));
        assertThatThrownBy(() -> world.staffAccess.requireStaff(participant, "GET /admin/users"))
                .isInstanceOf(NotAllowed.class);
        assertThatThrownBy(() -> world.staffAccess.requireStaff(lee, "PUT /admin/users/P1"))
                .isInstanceOf(NotAllowed.class);
        world.staffAccess.refusedAnonymous("GET /admin/audit");
        assertThat(audited()).containsExactly("S1 staff.login S1 ok", "P123 admin.refused GET /admin/users refused",
                "123XYZ admin.refused PUT /admin/users/P1 refused", "anonymous admin.refused GET /admin/audit refused");
    }

    @Test
    void anonymousRefusalsAreRecordedUpToALimitAMinuteAndTheRestAreCounted() {
        for (int i = 0; i < StaffAccess.ANONYMOUS_REFUSALS_PER_MINUTE + 40; i++) {
            world.staffAccess.refusedAnonymous("GET /admin/users/" + i);
        }
        // one by one up to the limit, then an entry at 1, 2, 4, 8, 16 and 32 over it
        assertThat(audited()).hasSize(StaffAccess.ANONYMOUS_REFUSALS_PER_MINUTE + 6)
                .contains("anonymous admin.refused GET /admin/users/" + (StaffAccess.ANONYMOUS_REFUSALS_PER_MINUTE - 1) + " refused")
                .doesNotContain("anonymous admin.refused GET /admin/users/" + StaffAccess.ANONYMOUS_REFUSALS_PER_MINUTE + " refused")
                .last().isEqualTo("anonymous admin.refused 32 anonymous refusals over the limit this minute refused");
        world.clock.advance(Duration.ofMinutes(1));
        world.staffAccess.refusedAnonymous("GET /admin/audit");
        assertThat(audited()).hasSize(StaffAccess.ANONYMOUS_REFUSALS_PER_MINUTE + 8).endsWith(
                "anonymous admin.refused 40 more anonymous refusals not recorded refused",
                "anonymous admin.refused GET /admin/audit refused");
        // a logged-in caller has a budget of their own: an anonymous flood does not hide them
        Caller participant = world.caller(world.logIn(ana()));
        for (int i = 0; i < StaffAccess.ANONYMOUS_REFUSALS_PER_MINUTE + 1; i++) {
            world.staffAccess.refusedAnonymous("GET /admin/users");
        }
        assertThatThrownBy(() -> world.staffAccess.requireStaff(participant, "GET /admin/users")).isInstanceOf(NotAllowed.class);
        assertThat(audited()).last().isEqualTo("P123 admin.refused GET /admin/users refused");
    }

    @Test
    void aFloodOfAnonymousRefusalsThatStopsIsStillInTheTrailWithinAFactorOfTwo() {
        // a token guesser hides among noise: 60 harmless refusals, then 1,000 guesses, then silence
        for (int i = 0; i < StaffAccess.ANONYMOUS_REFUSALS_PER_MINUTE + 1000; i++) {
            world.staffAccess.refusedAnonymous("GET /admin/users/" + i);
        }
        List<String> trail = audited();
        assertThat(trail.size()).as("still bounded").isLessThanOrEqualTo(StaffAccess.ANONYMOUS_REFUSALS_PER_MINUTE + 11);
        assertThat(trail).as("no later refusal needed to learn of the flood")
                .contains("anonymous admin.refused 512 anonymous refusals over the limit this minute refused");
    }

    @Test
    void aLoggedInUsersRefusalsAreRecordedUpToTheirOwnBudgetAMinuteAndTheRestAreCounted() {
        Caller participant = world.caller(world.logIn(ana()));
        Caller other = world.caller(world.logIn(ben()));
        for (int i = 0; i < StaffAccess.USER_REFUSALS_PER_MINUTE + 40; i++) {
            assertThatThrownBy(() -> world.staffAccess.requireStaff(participant, "GET /admin/users")).isInstanceOf(NotAllowed.class);
        }
        List<String> refusals = audited().stream().filter(e -> e.contains("admin.refused")).toList();
        // one by one up to the budget, then an entry at 1, 2, 4, 8, 16 and 32 over it, all under the user
        assertThat(refusals).hasSize(StaffAccess.USER_REFUSALS_PER_MINUTE + 6).allMatch(e -> e.startsWith("P123 "))
                .last().isEqualTo("P123 admin.refused 32 refusals over the limit this minute refused");
        assertThatThrownBy(() -> world.staffAccess.requireStaff(other, "GET /admin/audit")).isInstanceOf(NotAllowed.class);
        world.staffAccess.refusedAnonymous("GET /admin/audit");
        assertThat(audited()).as("another user's and the anonymous budgets are their own").endsWith(
                "P456 admin.refused GET /admin/audit refused", "anonymous admin.refused GET /admin/audit refused");

        world.clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> world.staffAccess.requireStaff(other, "GET /admin/users")).isInstanceOf(NotAllowed.class);
        assertThat(audited()).as("the exact count of the minute before comes with the next minute's first refusal of anyone")
                .endsWith("P123 admin.refused 40 more refusals not recorded refused", "P456 admin.refused GET /admin/users refused");
    }

    @Test
    void perUserBudgetsOfPastMinutesAreForgotten() {
        Caller participant = world.caller(world.logIn(ana()));
        Caller other = world.caller(world.logIn(ben()));
        Caller lee = world.caller(world.logIn(therapist()));
        for (Caller c : List.of(participant, other, lee)) {
            assertThatThrownBy(() -> world.staffAccess.requireStaff(c, "GET /admin/users")).isInstanceOf(NotAllowed.class);
        }
        world.staffAccess.refusedAnonymous("GET /admin/users");
        assertThat(world.staffAccess.budgetsHeld()).isEqualTo(4);
        world.clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> world.staffAccess.requireStaff(lee, "GET /admin/users")).isInstanceOf(NotAllowed.class);
        assertThat(world.staffAccess.budgetsHeld()).as("only this minute's callers are held").isEqualTo(1);
    }

    @Test
    void aStaffLoginAndAWrongStaffCodeAreAudited() {
        var started = world.login.start(SAM.phone().e164(), "coordinator", "198.51.100.7");
        assertThatThrownBy(() -> world.login.verify(started.pendingLogin(), "000000", java.util.Optional.empty()))
                .hasMessageContaining("not right");
        world.clock.advance(Duration.ofMinutes(2));
        world.logIn(SAM);
        world.logIn(ana());
        assertThat(audited()).containsExactly("S1 staff.login S1 invalid_code", "S1 staff.login S1 ok");
    }

    @Test
    void staffAreNeverMembersOfASession() {
        ValidationFailed refused = catchThrowableOfType(ValidationFailed.class, () -> world.admin.putTherapySession(sam,
                WEEK_1, new TherapySessionSpec("Week 1", "", "2026-12-01T18:00:00Z", List.of("S1"), null)));
        assertThat(refused.field()).isEqualTo("members");
    }

    @Test
    void disablingEndsTheSessionsAndSilentlyRefusesLoginsUntilEnabled() {
        SecretToken token = world.logIn(ana());
        world.caller(token);
        world.admin.putUser(sam, ANA, new UserSpec(null, null, null, null, true));
        assertThatThrownBy(() -> world.caller(token)).isInstanceOf(Unauthenticated.class);
        assertThat(world.authStore.size()).as("the session row is gone").isZero();
        int sent = world.sms.sent().size();
        world.clock.advance(Duration.ofMinutes(2));
        world.login.start(ana().phone().e164(), "Smith", "198.51.100.7");
        assertThat(world.sms.sent()).as("a disabled user gets no code").hasSize(sent);
        assertThat(world.users.findById(ANA).orElseThrow()).isEqualTo(ana().withDisabled(true));

        world.admin.putUser(sam, ANA, new UserSpec(null, null, null, null, false));
        world.clock.advance(Duration.ofMinutes(2));
        world.caller(world.logIn(ana()));
        assertThat(world.sessions.find(WEEK_1).orElseThrow().member(ANA)).as("nothing deleted").isPresent();
        assertThat(audited()).containsExactly("S1 user.put P123 ok", "S1 user.put P123 ok");
    }

    @Test
    void aCodeSentBeforeDisablingNoLongerLogsIn() {
        var started = world.login.start(ana().phone().e164(), "Smith", "198.51.100.7");
        String code = world.lastCodeTo(ana());
        world.admin.putUser(sam, ANA, new UserSpec(null, null, null, null, true));
        assertThatThrownBy(() -> world.login.verify(started.pendingLogin(), code, java.util.Optional.empty()))
                .hasMessageContaining("not right");
        assertThat(world.authStore.size()).isZero();
    }

    @Test
    void aFullPutKeepsTheDisabledFlagUnlessItSaysOtherwise() {
        world.admin.putUser(sam, ANA, new UserSpec(null, null, null, null, true));
        world.admin.putUser(sam, ANA, new UserSpec("participant", "Ana María", "+16505550101", "Smith"));
        assertThat(world.users.findById(ANA).orElseThrow().disabled()).isTrue();
        assertThat(catchThrowableOfType(ValidationFailed.class, () -> world.admin.putUser(sam, UserId.of("P999"),
                new UserSpec(null, null, null, null, true))).field()).isEqualTo("role");
    }

    @Test
    void everyKindOfAdminCallIsAuditedWithItsOutcome() {
        world.admin.putUser(Actor.TOKEN, UserId.of("P900"), new UserSpec("participant", "Foo", "+16505550190", "Foo"));
        assertThatThrownBy(() -> world.admin.putUser(sam, UserId.of("P901"), new UserSpec("boss", "X", "+16505550191", "X")))
                .isInstanceOf(ValidationFailed.class);
        world.admin.putTherapySession(sam, WEEK_1, new TherapySessionSpec("Week 1", "", "2026-12-01T18:00:00Z",
                List.of("123XYZ", "P123"), null));
        world.admin.putAssessments(sam, WEEK_1, ANA, List.of(new AssessmentSpec("post", "post", "incomplete",
                "https://s.example/p")));
        world.admin.postNotice(sam, WEEK_1, "Hello");
        world.admin.export(sam, WEEK_1, "csv");
        assertThatThrownBy(() -> world.admin.export(sam, org.therapychat.core.common.TherapySessionId.of("nope"), "json"))
                .isInstanceOf(NotFound.class);
        world.admin.endTherapySession(sam, WEEK_1);
        world.roster.importCsv(sam, "id,role,displayName,phone,identifier\nP902,participant,Bo,+16505550192,Bo\n");
        assertThat(audited()).containsExactly(
                "token user.put P900 ok", "S1 user.put P901 invalid", "S1 session.put week-1 ok",
                "S1 assessments.put week-1/P123 ok", "S1 notice.post week-1 ok", "S1 session.export week-1 csv ok",
                "S1 session.export nope json not_found", "S1 session.end week-1 ok", "S1 user.import roster ok");
        List<AuditEntry> entries = world.audit.after(0);
        assertThat(entries).extracting(AuditEntry::id).isSorted().doesNotHaveDuplicates();
        assertThat(world.audit.after(entries.get(6).id())).hasSize(2);
    }

    @Test
    void staffEndASessionAsItsTherapistWould() {
        world.admin.endTherapySession(sam, WEEK_1);
        world.admin.endTherapySession(sam, WEEK_1);
        assertThat(world.session(WEEK_1).status()).isEqualTo(SessionStatus.ENDED);
        assertThat(world.log.readAfter(WEEK_1, 0, 100)).extracting(a -> a.action().type())
                .containsExactly("notice", "update_chat_details");
    }

    @Test
    void usersAreSearchedByIdOrNameAndListedById() {
        assertThat(world.overview.users("")).extracting(u -> u.id().value())
                .containsExactly("123XYZ", "P123", "P456", "P789", "S1");
        assertThat(world.overview.users("aN")).extracting(User::displayName).containsExactly("Ana");
        assertThat(world.overview.users("p4")).extracting(User::id).containsExactly(BEN);
        assertThat(ben()).isNotNull();
    }
}
