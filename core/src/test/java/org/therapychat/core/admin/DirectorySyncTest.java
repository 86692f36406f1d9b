package org.therapychat.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.therapychat.core.audit.Actor;
import org.therapychat.core.audit.AuditEntry;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.StoredAction;
import org.therapychat.core.common.DomainException.ManagedElsewhere;
import org.therapychat.core.common.DomainException.PortFailure;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.directory.ExampleStudy;
import org.therapychat.core.directory.ManagedRecords.Kind;
import org.therapychat.core.directory.Study;
import org.therapychat.core.fixtures.World;
import org.therapychat.core.login.Identifier;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.StrictPhoneNumberParser;
import org.therapychat.core.login.User;
import org.therapychat.core.memory.InMemoryManagedRecords;
import org.therapychat.core.memory.InMemoryStudyDirectory;
import org.therapychat.core.therapy.Assessment;
import org.therapychat.core.therapy.Assessments;
import org.therapychat.core.therapy.Member;

/** SPEC §6's sync rules on in-memory adapters and a fake clock. */
class DirectorySyncTest {
    private static final TherapySessionId TS1 = TherapySessionId.of("TS1");
    private static final UserId ANA = UserId.of("2");
    private static final UserId BEN = UserId.of("3");
    private final World world = new World();
    private final InMemoryManagedRecords marks = new InMemoryManagedRecords();
    private final FailingAssessments assessments = new FailingAssessments(world.assessments);
    private final AdminService admin = new AdminService(world.users, new StrictPhoneNumberParser(), world.sessions,
            assessments, world.log, world.serverActions, world.auth, world.audit, world.settings, marks);
    private final InMemoryStudyDirectory directory = new InMemoryStudyDirectory("REDCap").hold(ExampleStudy.at(world.now()));
    private final DirectorySync sync = new DirectorySync(directory, admin, world.users, world.sessions, assessments,
            world.audit, world.clock, Duration.ofSeconds(60));

    @Test
    void theFirstSyncStoresPeopleSessionsAndSurveysAsOneAuditedChange() {
        DirectorySync.Outcome outcome = sync.syncAll();

        assertThat(outcome.ok()).isTrue();
        assertThat(world.users.list()).extracting(u -> u.id().value()).containsExactly("2", "3", "9");
        assertThat(world.session(TS1).members()).extracting(Member::user)
                .containsExactly(UserId.of("9"), ANA, BEN);
        assertThat(world.assessments.find(TS1, ANA)).extracting(Assessment::name).containsExactly("location", "gad7", "phq9");
        assertThat(marks.all(Kind.USER)).containsOnlyKeys("2", "3", "9");
        assertThat(marks.all(Kind.SESSION)).containsOnlyKeys("TS1", "TS2");
        List<AuditEntry> entries = world.audit.after(0);
        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("redcap");
            assertThat(e.action()).isEqualTo("directory.sync");
            assertThat(e.outcome()).isEqualTo("ok");
        });
        assertThat(sync.status().lastSyncAt()).contains(world.now());
        assertThat(sync.status().people()).isEqualTo(3);
    }

    @Test
    void anUnchangedSyncWritesNothingAndAppendsNothing() {
        sync.syncAll();
        int entries = world.audit.after(0).size();
        int actions = world.log.readAfter(TS1, 0, 1000).size();
        assessments.puts = 0;

        DirectorySync.Outcome again = sync.syncAll();

        assertThat(again.changes()).isZero();
        assertThat(world.audit.after(0)).hasSize(entries);
        assertThat(world.log.readAfter(TS1, 0, 1000)).hasSize(actions);
        assertThat(assessments.puts).isZero();
    }

    @Test
    void aCompletedSurveyChangesOnlyThatMembersListAndAppendsOneRefetchHint() {
        sync.syncAll();
        long after = last(TS1);
        directory.change(s -> InMemoryStudyDirectory.completed(s, "TS1", "2", "gad7"));

        DirectorySync.Outcome outcome = sync.syncRecord("2");

        assertThat(outcome.changes()).isEqualTo(1);
        assertThat(world.assessments.find(TS1, ANA).get(1).complete()).isTrue();
        List<StoredAction> appended = world.log.readAfter(TS1, after, 100);
        assertThat(appended).singleElement().satisfies(a ->
                assertThat(a.action()).isEqualTo(new Action.UpdateAssessments(ANA)));
    }

    @Test
    void someoneGoneFromTheDirectoryIsDisabledNotDeletedAndLeavesTheirSessions() {
        sync.syncAll();
        var token = world.logIn(world.users.findById(BEN).orElseThrow());
        directory.change(s -> new Study(s.people().stream().filter(p -> !p.id().equals(BEN)).toList(),
                s.sessions().stream().map(t -> new Study.Session(t.id(), t.name(), t.topic(), t.date(),
                        t.members().stream().filter(m -> !m.equals(BEN)).toList())).toList(),
                s.surveys().stream().filter(v -> !v.person().equals(BEN)).toList(), List.of(), List.of()));

        sync.syncAll();

        User ben = world.users.findById(BEN).orElseThrow();
        assertThat(ben.disabled()).isTrue();
        assertThat(world.session(TS1).members()).extracting(Member::user).containsExactly(UserId.of("9"), ANA);
        assertThatThrownBy(() -> world.caller(token))
                .isInstanceOf(org.therapychat.core.common.DomainException.Unauthenticated.class);
    }

    @Test
    void aPersonWhoseRecordIsUnusableIsKeptAsTheyWere() {
        sync.syncAll();
        directory.change(s -> new Study(s.people().stream().filter(p -> !p.id().equals(BEN)).toList(), s.sessions(),
                s.surveys(), List.of(new Study.Issue("3", "no participant_phone_number")), List.of()));

        sync.syncAll();

        assertThat(world.users.findById(BEN).orElseThrow().disabled()).isFalse();
        assertThat(world.session(TS1).members()).extracting(Member::user).contains(BEN);
        assertThat(sync.status().skipped()).extracting(Study.Issue::record).containsExactly("3");
    }

    @Test
    void aFailedReadChangesNothingAndTheNextTriesBackOff() {
        sync.syncAll();
        int entries = world.audit.after(0).size();
        directory.failWith("REDCap answered HTTP 500");

        DirectorySync.Outcome failed = sync.syncAll();

        assertThat(failed.ok()).isFalse();
        assertThat(world.users.list()).noneMatch(User::disabled);
        assertThat(world.audit.after(0)).hasSize(entries);
        assertThat(sync.status().failingSince()).contains(world.now());
        assertThat(sync.status().error()).contains("REDCap answered HTTP 500");
        assertThat(sync.status().lastSyncAt()).isPresent();
        assertThat(sync.due()).isFalse();
        world.clock.advance(Duration.ofSeconds(5));
        assertThat(sync.due()).isTrue();
        sync.syncAll();
        world.clock.advance(Duration.ofSeconds(9));
        assertThat(sync.due()).as("the second pause is 10 s").isFalse();
        world.clock.advance(Duration.ofSeconds(1));
        assertThat(sync.due()).isTrue();
        assertThat(sync.status().failures()).isEqualTo(2);

        directory.recover();
        assertThat(sync.syncAll().ok()).isTrue();
        assertThat(sync.status().failingSince()).isEmpty();
        assertThat(sync.status().error()).isEmpty();
    }

    @Test
    void triggeredRecordsWaitOutThePauseAfterAFailureInsteadOfCallingTheDirectoryEachTime() {
        sync.syncAll();
        directory.failWith("REDCap did not answer within 15 s");
        assertThat(sync.syncRecord("2").ok()).isFalse();
        int reads = directory.reads();

        // a burst of triggers while the directory is failing: none of them is another 15 s call
        for (String record : List.of("3", "9", "TS1", "TS2", "2")) {
            assertThat(sync.syncRecord(record).ok()).isFalse();
        }

        assertThat(directory.reads()).isEqualTo(reads);
        assertThat(sync.status().failures()).isEqualTo(1);
        world.clock.advance(Duration.ofSeconds(5));
        directory.recover();
        assertThat(sync.syncRecord("3").ok()).isTrue();
        assertThat(directory.reads()).isEqualTo(reads + 1);
    }

    @Test
    void anEmptyAnswerAfterPeopleWereSyncedIsAFailureNotEveryoneLeaving() {
        sync.syncAll();
        directory.hold(new Study(List.of(), List.of(), List.of(), List.of(), List.of()));

        DirectorySync.Outcome outcome = sync.syncAll();

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.reason()).get().asString().contains("listed nobody");
        assertThat(world.users.list()).noneMatch(User::disabled);
    }

    @Test
    void aWriteFailingHalfWayKeepsNothingOfTheSync() {
        assessments.failOnPut = 2;

        DirectorySync.Outcome outcome = sync.syncAll();

        assertThat(outcome.ok()).isFalse();
        assertThat(world.users.list()).isEmpty();
        assertThat(world.sessions.list()).isEmpty();
        assertThat(world.assessments.find(TS1, ANA)).isEmpty();
        assertThat(marks.all(Kind.USER)).isEmpty();
        assertThat(world.audit.after(0)).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("unavailable"));

        assessments.failOnPut = 0;
        assertThat(sync.syncAll().ok()).isTrue();
        assertThat(world.users.list()).hasSize(3);
    }

    @Test
    void aTriggerForARecordThatIsNotThereIsNoFailureAndChangesNothing() {
        sync.syncAll();
        int entries = world.audit.after(0).size();

        DirectorySync.Outcome outcome = sync.syncRecord("no/such record");

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.changes()).isZero();
        assertThat(sync.status().failingSince()).isEmpty();
        assertThat(world.audit.after(0)).hasSize(entries);
    }

    @Test
    void aSkippedRecordWhoseIdIsNoUserIdDoesNotStopTheSync() {
        directory.change(s -> new Study(s.people(), s.sessions(), s.surveys(),
                List.of(new Study.Issue("bad id!", "user id must be 1-64 letters, digits, '_', '.' or '-'")), List.of()));

        assertThat(sync.syncAll().ok()).isTrue();
        assertThat(sync.status().skipped()).extracting(Study.Issue::record).containsExactly("bad id!");
        assertThat(world.users.list()).hasSize(3);
    }

    @Test
    void aRecordWithTheIdOfALocalUserWhoLogsInOtherwiseNeitherTakesThemOverNorCanLaterDisableThem() {
        // a participant made here, who logs in with their own phone and last name
        User local = new User(ANA, Role.PARTICIPANT, "Local Ana", new PhoneNumber("+16505550199"), new Identifier("Lopez"));
        world.users.put(local);
        // a therapist made here whose REDCap record is the same person: taken over
        world.users.put(new User(UserId.of("9"), Role.THERAPIST, "Dr. R", new PhoneNumber("+16505550100"),
                new Identifier("Rivera")));

        sync.syncAll();

        assertThat(world.users.findById(ANA)).contains(local);
        assertThat(marks.all(Kind.USER)).containsOnlyKeys("3", "9");
        assertThat(sync.status().skipped()).extracting(Study.Issue::record).containsExactly("2");
        assertThat(world.users.findById(UserId.of("9")).orElseThrow().displayName()).isEqualTo("Dr. Rivera");

        // the record deleted in REDCap: the local user was never REDCap's, so is not disabled
        directory.change(s -> new Study(s.people().stream().filter(p -> !p.id().equals(ANA)).toList(), s.sessions(),
                s.surveys(), List.of(), List.of()));
        sync.syncAll();
        assertThat(world.users.findById(ANA)).contains(local);
    }

    @Test
    void aSlowReadOnOneInstanceDoesNotDisableSomeoneAnotherInstanceSyncedMeanwhile() {
        // two app instances share the database, each with its own sync; one of them reads REDCap slowly
        Study before = ExampleStudy.at(world.now());
        User cara = new User(UserId.of("4"), Role.PARTICIPANT, "Cara", new PhoneNumber("+16505550104"), new Identifier("Diaz"));
        Study after = new Study(java.util.stream.Stream.concat(before.people().stream(), java.util.stream.Stream.of(cara))
                .toList(), before.sessions(), before.surveys(), List.of(), List.of());
        sync.syncAll();
        InMemoryStudyDirectory fast = new InMemoryStudyDirectory("REDCap").hold(after);
        DirectorySync other = new DirectorySync(fast, admin, world.users, world.sessions, assessments, world.audit,
                world.clock, Duration.ofSeconds(60));
        org.therapychat.core.directory.StudyDirectory slow = new org.therapychat.core.directory.StudyDirectory() {
            @Override
            public String name() {
                return "REDCap";
            }

            @Override
            public Study readAll() {
                // answered before Cara was added; the other instance syncs her while this answer is on its way
                assertThat(other.syncAll().ok()).isTrue();
                return before;
            }

            @Override
            public Study readWithFresh(String record) {
                return readAll();
            }
        };
        DirectorySync slowSync = new DirectorySync(slow, admin, world.users, world.sessions, assessments, world.audit,
                world.clock, Duration.ofSeconds(60));

        assertThat(slowSync.syncAll().ok()).isTrue();

        assertThat(world.users.findById(cara.id())).get().satisfies(u -> assertThat(u.disabled()).isFalse());
    }

    @Test
    void aTriggerNamingARecordNoUserOrSessionCouldHaveIsNotASyncFailure() {
        sync.syncAll();

        // the trigger's route takes any printable record of up to 100 characters
        for (String record : List.of("../../etc/passwd", "a%00b", "-starts-with-a-dash", "x".repeat(65))) {
            sync.syncRecord(record);
        }

        assertThat(sync.status().failures()).isZero();
        assertThat(sync.status().error()).isEmpty();
        assertThat(sync.due()).isFalse();
    }

    @Test
    void triggeredRecordReadsAreRateLimitedSoAFloodCannotSpendTheDirectorysApiLimit() {
        sync.syncAll();
        int reads = directory.reads();

        // a flood of triggers, each naming another record (a leaked key): one API call each, as fast as REDCap answers
        for (int i = 0; i < 1_000; i++) {
            sync.syncRecord("R" + i);
        }

        assertThat(directory.reads() - reads).isEqualTo(DirectorySync.RECORD_READS_PER_MINUTE);
        assertThat(sync.status().failures()).isZero();
        // the next minute has a budget again; the full reads are not held to it
        world.clock.advance(Duration.ofSeconds(60));
        assertThat(sync.syncRecord("2").ok()).isTrue();
        assertThat(sync.syncAll().ok()).isTrue();
        assertThat(directory.reads() - reads).isEqualTo(DirectorySync.RECORD_READS_PER_MINUTE + 2);
    }

    @Test
    void aSessionRecordWithTheIdOfALocalSessionWithLocalMembersIsSkippedNotTakenOver() {
        // a session made here, whose chat has a participant made here
        User local = new User(UserId.of("P9"), Role.PARTICIPANT, "Local", new PhoneNumber("+16505550199"), new Identifier("Lopez"));
        world.users.put(local);
        world.sessions.define(new org.therapychat.core.therapy.SessionDefinition(TS1, "Local group", "", world.now(),
                org.therapychat.core.therapy.Admission.AUTO, List.of(local.id())));

        sync.syncAll();

        // REDCap's TS1 would have removed P9 and let REDCap's people into the local chat and its history
        assertThat(world.session(TS1).members()).extracting(Member::user).containsExactly(local.id());
        assertThat(world.session(TS1).name()).isEqualTo("Local group");
        assertThat(marks.all(Kind.SESSION)).containsOnlyKeys("TS2");
        assertThat(sync.status().skipped()).extracting(Study.Issue::record).containsExactly("TS1");
        assertThat(world.assessments.find(TS1, ANA)).isEmpty();

        // a local session whose members are all REDCap's people (or none) is taken over as before
        world.sessions.define(new org.therapychat.core.therapy.SessionDefinition(TS1, "Local group", "", world.now(),
                org.therapychat.core.therapy.Admission.AUTO, List.of(ANA)));
        sync.syncAll();
        assertThat(marks.all(Kind.SESSION)).containsOnlyKeys("TS1", "TS2");
        assertThat(world.session(TS1).name()).isEqualTo("Group A, week 1");
    }

    @Test
    void aRecordWhosePhoneAndLastNameBelongToALocalUserIsSkipped() {
        world.users.put(new User(UserId.of("P1"), Role.PARTICIPANT, "Local Ana", new PhoneNumber("+16505550101"),
                new Identifier("Smith")));

        sync.syncAll();

        assertThat(world.users.findById(ANA)).isEmpty();
        assertThat(sync.status().skipped()).extracting(Study.Issue::record, Study.Issue::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2", "phone and last name belong to TherapyChat user P1"));
        assertThat(world.session(TS1).members()).extracting(Member::user).containsExactly(UserId.of("9"), BEN);
    }

    @Test
    void adminWritesToWhatTheDirectoryOwnsAreRefusedButNoticesAreNot() {
        sync.syncAll();

        assertThatThrownBy(() -> admin.putUser(Actor.TOKEN, ANA, new UserSpec(null, null, null, null, true)))
                .isInstanceOf(ManagedElsewhere.class).hasMessage("User 2 is managed by REDCap: edit it there.")
                .satisfies(e -> assertThat(((ManagedElsewhere) e).code()).isEqualTo("managed_by_redcap"));
        assertThatThrownBy(() -> admin.putTherapySession(Actor.TOKEN, TS1,
                new TherapySessionSpec("X", null, world.now().toString(), List.of(), null)))
                .isInstanceOf(ManagedElsewhere.class);
        assertThatThrownBy(() -> admin.putAssessments(Actor.TOKEN, TS1, ANA, List.of()))
                .isInstanceOf(ManagedElsewhere.class);
        admin.postNotice(Actor.TOKEN, TS1, "Starting soon");
        assertThat(world.audit.after(0)).extracting(AuditEntry::outcome)
                .containsSubsequence("managed_by_redcap", "managed_by_redcap", "managed_by_redcap", "ok");
        assertThat(admin.managed(Kind.USER)).isEqualTo(Map.of("2", "REDCap", "3", "REDCap", "9", "REDCap"));
    }

    private long last(TherapySessionId session) {
        List<StoredAction> all = world.log.readAfter(session, 0, 10_000);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).id().value();
    }

    /** The in-memory surveys, counting writes, failing the n-th put when asked (a database failing half-way). */
    private static final class FailingAssessments implements Assessments {
        private final Assessments delegate;
        int puts;
        int failOnPut;

        FailingAssessments(Assessments delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Assessment> find(TherapySessionId session, UserId participant) {
            return delegate.find(session, participant);
        }

        @Override
        public Map<TherapySessionId, List<Assessment>> forParticipant(UserId participant) {
            return delegate.forParticipant(participant);
        }

        @Override
        public void put(TherapySessionId session, UserId participant, List<Assessment> list) {
            puts++;
            if (failOnPut > 0 && puts == failOnPut) {
                throw new PortFailure("the database went away", null);
            }
            delegate.put(session, participant, list);
        }
    }
}
