package org.therapychat.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.therapychat.core.auth.AuthSessions;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.Appended;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.DomainException.NotAllowed;
import org.therapychat.core.common.SecretToken;
import org.therapychat.core.common.SecureRandomness;
import org.therapychat.core.common.Settings;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.LoginService;
import org.therapychat.core.login.OtpHasher;
import org.therapychat.core.login.OtpText;
import org.therapychat.core.login.Identifier;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.StrictPhoneNumberParser;
import org.therapychat.core.login.User;
import org.therapychat.core.therapy.Assessment;
import org.therapychat.core.therapy.Member;
import org.therapychat.core.therapy.SessionStatus;
import org.therapychat.core.therapy.TherapySession;

/**
 * A database as the first release left it (schema V1, rows written in V1's shape by this test),
 * migrated to the latest schema, still holds its study and keeps the ports' key promises. Every
 * later migration adds its own rows here (in the shape of the version before it) and checks them.
 */
abstract class UpgradeFromV1Tests {
    @org.junit.jupiter.api.AfterEach
    void closeDatabases() {
        TestDatabases.closeFresh();
    }

    private static final TherapySessionId WEEK_0 = TherapySessionId.of("week-0");
    private static final TherapySessionId WEEK_1 = TherapySessionId.of("week-1");
    private static final UserId ANA = UserId.of("P1");

    abstract Database emptyDatabase();

    private Database upgraded() {
        Database db = emptyDatabase().migrateTo("1");
        assertThat(db.schemaVersion()).isEqualTo("1");
        db.run(dsl -> V1_STUDY.forEach(dsl::execute));
        return db.migrate();
    }

    /** Rows in V1's shape: a role per membership, one clientId per author across sessions, no closed logs. */
    private static final List<String> V1_STUDY = List.of(
            "INSERT INTO users VALUES ('T1', 'therapist', 'Dr. Rivera', '+16505550100', 'Rivera'),"
                    + " ('P1', 'participant', 'Ana', '+16505550101', 'Smith'), ('P2', 'participant', 'Ben', '+16505550102', 'Jones')",
            "INSERT INTO therapy_sessions VALUES"
                    + " ('week-0', 'Week 0', 'Intro', TIMESTAMP WITH TIME ZONE '2026-11-17 17:00:00+00:00', 'ended', 'auto', ''),"
                    + " ('week-1', 'Week 1', 'Stress', TIMESTAMP WITH TIME ZONE '2026-11-24 17:00:00+00:00', 'open', 'auto', 'Breathe')",
            "INSERT INTO members VALUES ('week-0', 'P1', 'participant', TRUE, FALSE, 0),"
                    + " ('week-1', 'T1', 'participant', TRUE, FALSE, 0), ('week-1', 'P1', 'participant', TRUE, FALSE, 1),"
                    + " ('week-1', 'P2', 'participant', FALSE, TRUE, 2)",
            "INSERT INTO assessments VALUES ('week-1', 'P1', 0, 'phq9', 'pre', TRUE, NULL),"
                    + " ('week-1', 'P1', 1, 'gad7', 'post', FALSE, 'https://surveys.example/gad7')",
            "INSERT INTO action_log_heads VALUES ('week-0', 1), ('week-1', 4)",
            "INSERT INTO actions (id, therapy_session_id, action_type, author, client_id, client_ts, dedupe_key, created_at,"
                    + " audience, deleted, body, recipients, target, icon, sender, participant, character_history, time_to_complete)"
                    + " VALUES (1, 'week-0', 'notice', NULL, NULL, NULL, NULL, TIMESTAMP WITH TIME ZONE '2026-11-17 18:00:00+00:00',"
                    + " '', FALSE, 'The session has ended.', NULL, NULL, NULL, 'system', NULL, NULL, NULL),"
                    + " (2, 'week-1', 'message', 'P1', 'c-1', '2026-11-24T17:00:01.000Z', NULL,"
                    + " TIMESTAMP WITH TIME ZONE '2026-11-24 17:00:01.5+00:00', '', FALSE, 'Hello', '', NULL, NULL, NULL, NULL,"
                    + " '[\"H\",\"Hello\"]', '671ms'),"
                    + " (3, 'week-1', 'reaction', 'P1', 'c-2', NULL, 'reaction:2:heart', TIMESTAMP WITH TIME ZONE '2026-11-24 17:00:02+00:00',"
                    + " '', FALSE, NULL, NULL, 2, 'heart', NULL, NULL, NULL, NULL),"
                    + " (4, 'week-1', 'message', 'P2', 'c-1', NULL, NULL, TIMESTAMP WITH TIME ZONE '2026-11-24 17:00:03+00:00',"
                    + " 'P1,P2', TRUE, 'psst', 'P1', NULL, NULL, NULL, NULL, NULL, NULL)",
            "ALTER SEQUENCE action_ids RESTART WITH 5");

    @Test
    void theActionsReadBackAsTheyWereWritten() {
        List<StoredAction> week1 = new JooqActionLog(upgraded()).readAfter(WEEK_1, 0, 10);

        assertThat(week1).extracting(a -> a.id().value()).containsExactly(2L, 3L, 4L);
        Action.Message hello = (Action.Message) week1.get(0).action();
        assertThat(hello.body()).isEqualTo("Hello");
        assertThat(hello.characterHistory()).containsExactly("H", "Hello");
        assertThat(hello.timeToComplete()).contains("671ms");
        assertThat(hello.mentions()).isEmpty();
        assertThat(week1.get(0).clientId()).contains("c-1");
        assertThat(week1.get(1).action()).isInstanceOf(Action.Reaction.class);
        assertThat(((Action.Message) week1.get(2).action()).recipients()).containsExactly(ANA);
        assertThat(week1.get(2).audience()).containsExactlyInAnyOrder(ANA, UserId.of("P2"));
        assertThat(week1.get(2).deleted()).isTrue();
    }

    @Test
    void resendsAnswerTheirIdsNewIdsContinueAndEndedSessionsAreClosed() {
        JooqActionLog log = new JooqActionLog(upgraded());

        Appended resend = log.append(WEEK_1, StudyFixture.message(ANA, "c-1", "Hello", List.of(), List.of()));
        Appended fresh = log.append(WEEK_1, StudyFixture.message(ANA, "c-3", "after the upgrade", List.of(), List.of()));
        Appended sameClientIdElsewhere = log.append(TherapySessionId.of("week-2"),
                StudyFixture.message(ANA, "c-1", "a new session, a new log", List.of(), List.of()));

        assertThat(resend.id().value()).isEqualTo(2L);
        assertThat(fresh.id().value()).isEqualTo(5L);
        assertThat(sameClientIdElsewhere.id().value()).isEqualTo(6L);
        assertThatThrownBy(() -> log.append(WEEK_0, StudyFixture.message(ANA, "c-9", "too late", List.of(), List.of())))
                .isInstanceOf(NotAllowed.class);
    }

    @Test
    void sessionsMembersAndAssessmentsSurviveAndRolesComeFromTheUsers() {
        Database db = upgraded();
        TherapySession week1 = new JooqTherapySessions(db).find(WEEK_1).orElseThrow();

        assertThat(week1.status()).isEqualTo(SessionStatus.OPEN);
        assertThat(week1.whiteboard()).isEqualTo("Breathe");
        assertThat(week1.members()).containsExactly(new Member(UserId.of("T1"), true, false), new Member(ANA, true, false),
                new Member(UserId.of("P2"), false, true));
        assertThat(new JooqUserStore(db).findById(UserId.of("T1")).orElseThrow().role()).isEqualTo(Role.THERAPIST);
        assertThat(new JooqTherapySessions(db).listForMember(ANA)).extracting(TherapySession::id)
                .containsExactlyInAnyOrder(WEEK_0, WEEK_1);
        assertThat(new JooqAssessments(db).find(WEEK_1, ANA)).extracting(Assessment::name).containsExactly("phq9", "gad7");
        assertThat(new JooqAssessments(db).find(WEEK_1, ANA)).as("V8: surveys from before are shown under their names")
                .allSatisfy(a -> assertThat(a.label().isEmpty() && a.labels().isEmpty()).isTrue());
    }

    @Test
    void theUsersLogIn() {
        Database db = upgraded();
        Clock clock = Clock.system();
        SecureRandomness random = new SecureRandomness();
        Settings settings = Settings.defaults();
        JooqUserStore users = new JooqUserStore(db);
        List<String> sent = new ArrayList<>();
        AuthSessions auth = new AuthSessions(new JooqAuthSessionStore(db), users, clock, random, settings);
        LoginService login = new LoginService(users, new StrictPhoneNumberParser(), new JooqOtpChallenges(db),
                new JooqRateLimits(db), (to, text) -> sent.add(text), new OtpHasher(random.bytes(32)), OtpText.standard(),
                auth, clock, random, settings);

        var started = login.start("+16505550101", "smith", "10.0.0.1");
        String code = sent.get(0).replaceAll("(?s).*code is (\\d{6}).*", "$1");
        SecretToken session = login.verify(started.pendingLogin(), code, Optional.empty());

        assertThat(auth.authenticate(session).user().id()).isEqualTo(ANA);
    }

    /** V6: the users a database already has get their identifier keys; a pair held twice is named, not hidden. */
    @Test
    void usersFromBeforeTheUniquePairGetTheirKeysAndDuplicatesAreNamed() {
        Database db = emptyDatabase().migrateTo("1");
        db.run(dsl -> V1_STUDY.forEach(dsl::execute));
        db.run(dsl -> dsl.execute("INSERT INTO users VALUES ('P9', 'participant', 'Ana twin', '+16505550101', ' SMITH ')"));
        db.migrate();
        JooqUserStore users = new JooqUserStore(db);

        assertThat(users.fillIdentifierKeys()).containsExactly(
                "user P9 has the phone and identifier of user P1: only P1 can log in until an admin changes one of them");
        assertThat(users.fillIdentifierKeys()).as("nothing left to fill but the duplicate").hasSize(1);
        assertThatThrownBy(() -> users.put(new User(UserId.of("P10"), Role.PARTICIPANT, "Ben twin",
                new PhoneNumber("+16505550102"), new Identifier("jones"))))
                .isInstanceOf(org.therapychat.core.common.DomainException.ValidationFailed.class);
        User twin = users.findById(UserId.of("P9")).orElseThrow();
        users.put(twin.withDisabled(true));
        assertThat(users.findById(UserId.of("P9")).orElseThrow().disabled()).as("the keyless duplicate can be disabled").isTrue();
        users.put(new User(UserId.of("P9"), Role.PARTICIPANT, "Ana twin", new PhoneNumber("+16505550109"),
                new Identifier("Smith")));
        assertThat(users.fillIdentifierKeys()).as("told apart by an admin").isEmpty();
    }

    /** V9: notices from before it get their kind from the attendance column and the known closing text. */
    @Test
    void noticesFromBeforeTheirKindsWereStoredGetThemDerived() {
        Database db = emptyDatabase().migrateTo("1");
        db.run(dsl -> V1_STUDY.forEach(dsl::execute));
        db.migrateTo("8");
        db.run(dsl -> dsl.execute("INSERT INTO action_log_heads (therapy_session_id, last_id, closed) VALUES ('week-6', 14, TRUE)"));
        db.run(dsl -> dsl.execute("INSERT INTO actions (id, therapy_session_id, action_type, created_at, audience, deleted,"
                + " body, sender, participant, attendance) VALUES"
                + " (11, 'week-6', 'notice', TIMESTAMP WITH TIME ZONE '2026-12-01 17:00:00+00:00', '', FALSE,"
                + " 'Ana has joined the session', 'system', 'P1', 'joined'),"
                + " (12, 'week-6', 'notice', TIMESTAMP WITH TIME ZONE '2026-12-01 17:01:00+00:00', '', FALSE,"
                + " 'Please fill in your survey.', 'system', NULL, NULL),"
                + " (13, 'week-6', 'notice', TIMESTAMP WITH TIME ZONE '2026-12-01 17:02:00+00:00', '', FALSE,"
                + " 'Ana has left the session', 'system', 'P1', 'left'),"
                + " (14, 'week-6', 'notice', TIMESTAMP WITH TIME ZONE '2026-12-01 18:00:00+00:00', '', FALSE,"
                + " 'The session has ended. Thank you for taking part.', 'system', NULL, NULL)"));
        db.migrate();

        List<StoredAction> week6 = new JooqActionLog(db).readAfter(TherapySessionId.of("week-6"), 0, 10);

        assertThat(week6).extracting(a -> ((Action.Notice) a.action()).kind()).containsExactly(Action.Notice.Kind.JOINED,
                Action.Notice.Kind.TEXT, Action.Notice.Kind.LEFT, Action.Notice.Kind.SESSION_ENDED);
        assertThat(((Action.Notice) week6.get(0).action()).attendance()).contains(new Action.Attendance(ANA, true));
    }
}
