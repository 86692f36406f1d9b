package org.therapychat.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.THERAPIST;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.WEEK_2;
import static org.therapychat.core.fixtures.Samples.ana;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.Settings;
import org.therapychat.core.common.UserId;
import org.therapychat.core.fixtures.World;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.therapy.Admission;
import org.therapychat.core.therapy.Assessment;
import org.therapychat.core.therapy.Member;
import org.therapychat.core.therapy.SessionStatus;
import org.therapychat.core.therapy.TherapySession;

class AdminServiceTest {
    private final World world = new World().withWeek1();
    private final AdminService admin = world.admin;

    private List<String> types(org.therapychat.core.common.TherapySessionId id) {
        return world.log.readAfter(id, 0, 100).stream().map(a -> a.action().type()).toList();
    }

    private String fieldOf(Runnable call) {
        return catchThrowableOfType(ValidationFailed.class, call::run).field();
    }

    @Test
    void putUserCreatesOrReplacesWithANormalisedPhone() {
        User user = admin.putUser(UserId.of("P900"), new UserSpec("participant", "Foo", "+1 650 555 0100", "Smith"));
        assertThat(user.phone().e164()).isEqualTo("+16505550100");
        assertThat(world.users.findById(UserId.of("P900"))).contains(user);
        admin.putUser(UserId.of("P900"), new UserSpec("therapist", "Foo", "+1 650 555 0100", "Smith"));
        assertThat(world.users.findById(UserId.of("P900")).orElseThrow().role()).isEqualTo(Role.THERAPIST);
    }

    @Test
    void renamingOrChangingTheRoleOfAMemberTellsTheirSessionsClientsToRefetchTheDetails() {
        String phone = ana().phone().e164();
        admin.putUser(ANA, new UserSpec("participant", "Ana María", phone, "Smith"));
        assertThat(types(WEEK_1)).as("her name in everyone's chat").containsExactly("update_chat_details");
        admin.putUser(ANA, new UserSpec("therapist", "Ana María", phone, "Smith"));
        assertThat(types(WEEK_1)).as("her role: who may delete, who sees the panel").hasSize(2);
        admin.putUser(ANA, new UserSpec("therapist", "Ana María", phone, "Smith"));
        admin.putUser(ANA, new UserSpec(null, null, null, null, true));
        assertThat(types(WEEK_1)).as("nothing members see changed").hasSize(2);
    }

    /** Issue 21 B12: whoever held the old phone or identifier keeps no login to the account. */
    @Test
    void changingAUsersPhoneOrIdentifierEndsTheirLoginsButARenameDoesNot() {
        String phone = ana().phone().e164();
        var first = world.logIn(ana());
        admin.putUser(ANA, new UserSpec("participant", "Ana María", phone, " smith "));
        assertThat(loggedIn(first)).as("a rename, the same identifier as compared").isTrue();
        admin.putUser(ANA, new UserSpec("participant", "Ana María", "+16505550177", "Smith"));
        assertThat(loggedIn(first)).as("a new phone").isFalse();
        var second = world.logIn(world.users.findById(ANA).orElseThrow());
        admin.putUser(ANA, new UserSpec("participant", "Ana María", "+16505550177", "Smith-García"));
        assertThat(loggedIn(second)).as("a new identifier").isFalse();
    }

    private boolean loggedIn(org.therapychat.core.common.SecretToken token) {
        try {
            world.auth.authenticate(token);
            return true;
        } catch (org.therapychat.core.common.DomainException.Unauthenticated e) {
            return false;
        }
    }

    @Test
    void putUserNamesTheBadField() {
        assertThat(fieldOf(() -> admin.putUser(ANA, new UserSpec("boss", "Ana", "+16505550101", "Smith")))).isEqualTo("role");
        assertThat(fieldOf(() -> admin.putUser(ANA, new UserSpec("participant", "", "+16505550101", "Smith"))))
                .isEqualTo("displayName");
        assertThat(fieldOf(() -> admin.putUser(ANA, new UserSpec("participant", "Ana", "555", "Smith")))).isEqualTo("phone");
        assertThat(fieldOf(() -> admin.putUser(ANA, new UserSpec("participant", "Ana", "+16505550101", null))))
                .isEqualTo("identifier");
    }

    /** Issue 21 B10: kept on H2, a 503 on PostgreSQL for NUL; invisible or reordering characters in a name. */
    @Test
    void controlAndBidiOverrideCharactersAreRefusedInNamesWithTheFieldNamed() {
        String phone = ana().phone().e164();
        for (String bad : List.of("\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u009b", "\u202e", "\u202a",
                "\u2066", "\u2069", "\t", "\ud800")) {
            assertThat(fieldOf(() -> admin.putUser(ANA, new UserSpec("participant", "Ana" + bad + "x", phone, "Smith"))))
                    .as("displayName with U+%04X", (int) bad.charAt(0)).isEqualTo("displayName");
            assertThat(fieldOf(() -> admin.putUser(ANA, new UserSpec("participant", "Ana", phone, "Sm" + bad + "ith"))))
                    .as("identifier with U+%04X", (int) bad.charAt(0)).isEqualTo("identifier");
            assertThat(fieldOf(() -> admin.putTherapySession(WEEK_1, new TherapySessionSpec("Week" + bad + "1", "",
                    "2026-11-24T18:00:00Z", List.of(), null)))).isEqualTo("name");
            assertThat(fieldOf(() -> admin.putTherapySession(WEEK_1, new TherapySessionSpec("Week 1", "a" + bad + "b",
                    "2026-11-24T18:00:00Z", List.of(), null)))).isEqualTo("topic");
            assertThat(fieldOf(() -> admin.putAssessments(WEEK_1, ANA, List.of(
                    new AssessmentSpec("pre" + bad + "survey", "pre", "incomplete", null))))).isEqualTo("name");
        }
        assertThat(world.users.findById(ANA).orElseThrow().displayName()).isEqualTo(ana().displayName());
        admin.putUser(ANA, new UserSpec("participant", "Ana María 😀 עברית", phone, "Smith-Núñez"));
    }

    @Test
    void twoUsersMayNotShareBothPhoneAndIdentifier() {
        assertThat(fieldOf(() -> admin.putUser(UserId.of("P901"),
                new UserSpec("participant", "Twin", ana().phone().e164(), "SMITH")))).isEqualTo("identifier");
        admin.putUser(UserId.of("P901"), new UserSpec("participant", "Sibling", ana().phone().e164(), "Smith Jr"));
    }

    @Test
    void putTherapySessionTakesRolesFromUserRecordsAndKeepsMemberState() {
        DefinedSession created = admin.putTherapySession(WEEK_2, new TherapySessionSpec("Week 2", "Sleep",
                "2026-12-01T18:00:00Z", List.of("P123", "123XYZ"), "therapist"));
        assertThat(created.session().status()).isEqualTo(SessionStatus.SCHEDULED);
        assertThat(created.session().admission()).isEqualTo(Admission.THERAPIST);
        assertThat(created.roles()).containsEntry(ANA, Role.PARTICIPANT).containsEntry(THERAPIST, Role.THERAPIST);
        assertThat(types(WEEK_2)).isEmpty();
        world.sessions.updateMember(WEEK_2, Member.newcomer(ANA).admit());
        DefinedSession changed = admin.putTherapySession(WEEK_2, new TherapySessionSpec("Week 2 (moved)", "Sleep",
                "2026-12-02T18:00:00Z", List.of("P123", "123XYZ", "P456"), "therapist"));
        assertThat(changed.session().member(ANA).orElseThrow().admitted()).isTrue();
        assertThat(types(WEEK_2)).containsExactly("update_chat_details");
    }

    @Test
    void aPutNeverWritesBackStatusWhiteboardOrMemberStateItRead() {
        world.sessions.setStatus(WEEK_1, SessionStatus.ENDED);
        world.sessions.setWhiteboard(WEEK_1, "Homework");
        world.sessions.updateMember(WEEK_1, Member.newcomer(ANA).revoke());
        admin.putTherapySession(WEEK_1, new TherapySessionSpec("Renamed", "", "2026-12-01T18:00:00Z",
                List.of("123XYZ", "P123", "P456"), null));
        TherapySession s = world.session(WEEK_1);
        assertThat(s.name()).isEqualTo("Renamed");
        assertThat(s.status()).isEqualTo(SessionStatus.ENDED);
        assertThat(s.whiteboard()).isEqualTo("Homework");
        assertThat(s.member(ANA)).contains(Member.newcomer(ANA).revoke());
        assertThat(s.member(org.therapychat.core.fixtures.Samples.CAROL)).as("not listed any more").isEmpty();
        assertThat(fieldOf(() -> admin.putTherapySession(WEEK_1, new TherapySessionSpec("R", "", "2026-12-01T18:00:00Z",
                List.of("P123", "P123"), null)))).isEqualTo("members");
    }

    @Test
    void anUnchangedPutAppendsNothing() {
        TherapySessionSpec spec = new TherapySessionSpec("Week 2", "", "2026-12-01T18:00:00Z", List.of("P123"), null);
        admin.putTherapySession(WEEK_2, spec);
        admin.putTherapySession(WEEK_2, spec);
        assertThat(types(WEEK_2)).isEmpty();
    }

    @Test
    void putTherapySessionNamesTheBadField() {
        assertThat(fieldOf(() -> admin.putTherapySession(WEEK_2,
                new TherapySessionSpec("W", "", "tomorrow", List.of(), null)))).isEqualTo("date");
        assertThat(fieldOf(() -> admin.putTherapySession(WEEK_2,
                new TherapySessionSpec("W", "", "2026-12-01T18:00:00Z", List.of("P999"), null)))).isEqualTo("members");
        assertThat(fieldOf(() -> admin.putTherapySession(WEEK_2,
                new TherapySessionSpec("W", "", "2026-12-01T18:00:00Z", List.of(), "maybe")))).isEqualTo("admission");
        assertThat(fieldOf(() -> admin.putTherapySession(WEEK_2,
                new TherapySessionSpec(null, "", "2026-12-01T18:00:00Z", List.of(), null)))).isEqualTo("name");
    }

    @Test
    void putAssessmentsReplacesTheListAndTellsTheClients() {
        List<Assessment> put = admin.putAssessments(WEEK_1, ANA, List.of(
                new AssessmentSpec("location", "pre", "complete", null),
                new AssessmentSpec("post-session_survey", null, "incomplete", "https://surveys.example/p")));
        assertThat(put.get(1).due()).isEqualTo(Assessment.Due.POST);
        assertThat(world.assessments.find(WEEK_1, ANA)).isEqualTo(put);
        assertThat(types(WEEK_1)).containsExactly("update_assessments");
        StoredAction update = world.log.readAfter(WEEK_1, 0, 10).get(0);
        assertThat(update.isVisibleTo(UserId.of("P456"), false)).isFalse();
        assertThat(update.isVisibleTo(ANA, false)).isTrue();
    }

    @Test
    void anAssessmentMayCarryADisplayLabelAndOnePerLanguage() {
        List<Assessment> put = admin.putAssessments(WEEK_1, ANA, List.of(
                new AssessmentSpec("post-session_survey", "post", "incomplete", "https://surveys.example/p",
                        "After the session", java.util.Map.of("en", "How did it go?", "es", "¿Cómo le fue?")),
                new AssessmentSpec("location", "pre", "complete", null)));
        assertThat(put.get(0).label()).contains("After the session");
        assertThat(put.get(0).labels()).containsEntry("es", "¿Cómo le fue?").hasSize(2);
        assertThat(put.get(1).label()).isEmpty();
        assertThat(put.get(1).labels()).isEmpty();
        assertThat(world.assessments.find(WEEK_1, ANA)).isEqualTo(put);
        assertThat(fieldOf(() -> admin.putAssessments(WEEK_1, ANA, List.of(new AssessmentSpec("a", "pre", "complete", null,
                null, java.util.Map.of("Spanish!", "x")))))).isEqualTo("labels");
        assertThat(fieldOf(() -> admin.putAssessments(WEEK_1, ANA, List.of(new AssessmentSpec("a", "pre", "complete", null,
                null, java.util.Map.of("es", "x".repeat(201))))))).isEqualTo("labels");
        assertThat(fieldOf(() -> admin.putAssessments(WEEK_1, ANA, List.of(new AssessmentSpec("a", "pre", "complete", null,
                " ", null))))).isEqualTo("label");
    }

    @Test
    void putAssessmentsNamesTheBadField() {
        assertThat(fieldOf(() -> admin.putAssessments(WEEK_1, ANA,
                List.of(new AssessmentSpec("a", "during", "complete", null))))).isEqualTo("due");
        assertThat(fieldOf(() -> admin.putAssessments(WEEK_1, ANA,
                List.of(new AssessmentSpec("a", "pre", "done", null))))).isEqualTo("status");
        assertThat(fieldOf(() -> admin.putAssessments(WEEK_1, ANA,
                List.of(new AssessmentSpec("a", "pre", "incomplete", "javascript:alert(1)"))))).isEqualTo("url");
        assertThat(fieldOf(() -> admin.putAssessments(WEEK_1, UserId.of("P999"), List.of()))).isEqualTo("userId");
        assertThatThrownBy(() -> admin.putAssessments(UserId.of("x") == null ? null
                : org.therapychat.core.common.TherapySessionId.of("nope"), ANA, List.of())).isInstanceOf(NotFound.class);
    }

    @Test
    void aNoticeIsAppendedFromTheSystem() {
        admin.postNotice(WEEK_1, "We start in 5 minutes");
        Action.Notice notice = (Action.Notice) world.log.readAfter(WEEK_1, 0, 10).get(0).action();
        assertThat(notice).isEqualTo(new Action.Notice("We start in 5 minutes", "system"));
        assertThat(fieldOf(() -> admin.postNotice(WEEK_1, " "))).isEqualTo("body");
    }

    @Test
    void aNoticeIsCappedAtTheConfiguredBodyLength() {
        World small = new World(Settings.defaults().withMaxBodyLength(10)).withWeek1();
        small.admin.postNotice(WEEK_1, "ten chars.");
        assertThat(fieldOf(() -> small.admin.postNotice(WEEK_1, "eleven char"))).isEqualTo("body");
        assertThat(small.log.readAfter(WEEK_1, 0, 10)).hasSize(1);
    }

    @Test
    void theExportHasEveryActionWithResearchData() {
        var ana = world.inChat(ana(), WEEK_1);
        var sent = world.chat.sync(ana, WEEK_1, 0, List.of(World.message("c1", "hello"))).accepted().get(0).id();
        List<StoredAction> export = admin.export(WEEK_1);
        Action.Message m = (Action.Message) export.stream().filter(a -> a.id().equals(sent)).findFirst().orElseThrow().action();
        assertThat(m.characterHistory()).containsExactly("h", "i");
        assertThat(export).extracting(a -> a.action().type()).containsExactly("notice", "message");
    }
}
