package org.therapychat.redcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.DomainException.DirectoryUnavailable;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.directory.Study;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.therapy.Assessment;
import org.therapychat.web.LibPhoneNumberParser;

/** The REDCap directory against a loopback REDCap loaded with the original's template. */
class RedcapStudyDirectoryTest {
    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private final Instant now = Instant.now();
    private final RedcapStub stub = RedcapStub.template(now, ZONE);

    @AfterEach
    void stop() {
        stub.close();
    }

    /** Longer than any read of the small template project takes, even under faketime and two CPU hogs. */
    static final Duration COMPLETE_READS = Duration.ofSeconds(60);

    private RedcapStudyDirectory directory() {
        return directory(RedcapStub.TOKEN, RedcapMapping.defaults(), Duration.ofSeconds(15));
    }

    private RedcapStudyDirectory directory(String token, RedcapMapping mapping, Duration callTimeout) {
        // reads that ask for every link however busy the machine (the app's 1 s per read is tested below)
        return new RedcapStudyDirectory(new RedcapSettings(stub.apiUrl(), token, ZONE, Duration.ofSeconds(5), callTimeout,
                mapping, 8), new LibPhoneNumberParser("US"), COMPLETE_READS);
    }

    @Test
    void theTemplatesRecordsReadAsPeopleSessionsAndSurveys() {
        Study study = directory().readAll();

        assertThat(study.people()).extracting(u -> u.id().value()).containsExactly("2", "3", "9");
        User ana = study.people().get(0);
        assertThat(ana.phone().e164()).isEqualTo("+16505550101");
        assertThat(ana.identifier().value()).isEqualTo("Smith");
        assertThat(ana.displayName()).isEqualTo("Ana");
        assertThat(ana.role()).isEqualTo(Role.PARTICIPANT);
        assertThat(study.people().get(2).role()).isEqualTo(Role.THERAPIST);

        Study.Session ts1 = study.sessions().get(0);
        assertThat(ts1.id()).isEqualTo(TherapySessionId.of("TS1"));
        assertThat(ts1.name()).isEqualTo("Group A, week 1");
        assertThat(ts1.members()).containsExactly(UserId.of("9"), UserId.of("2"), UserId.of("3"));
        String start = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(now.plusSeconds(2 * 86_400).atZone(ZONE));
        assertThat(ts1.date()).isEqualTo(LocalDateTime.parse(start.replace(' ', 'T')).atZone(ZONE).toInstant());

        List<Assessment> anaTs1 = surveys(study, "TS1", "2");
        assertThat(anaTs1).extracting(Assessment::name).containsExactly("location", "gad7", "phq9");
        assertThat(anaTs1).extracting(Assessment::due)
                .containsExactly(Assessment.Due.PRE, Assessment.Due.PRE, Assessment.Due.POST);
        assertThat(anaTs1.get(0).complete()).isTrue();
        assertThat(anaTs1.get(0).url()).isEmpty();
        assertThat(anaTs1.get(1).complete()).isFalse();
        assertThat(anaTs1.get(1).url()).get().asString().startsWith("https://redcap.example.edu/surveys/?s=");
        // Ben has no instance for TS2: his survey is listed without a link, and staff are told
        assertThat(surveys(study, "TS2", "3")).singleElement()
                .satisfies(a -> assertThat(a.url()).isEmpty()).satisfies(a -> assertThat(a.complete()).isFalse());
        assertThat(study.warnings()).extracting(Study.Issue::record).contains("3");
        // the therapist has no surveys
        assertThat(study.surveys()).noneMatch(s -> s.person().value().equals("9"));
        assertThat(study.skipped()).isEmpty();
    }

    @Test
    void anUnchangedReadCostsOneCallAndLinksAreAskedForOnce() {
        RedcapStudyDirectory directory = directory();
        directory.readAll();
        int links = stub.calls("surveyLink");
        // Ana: gad7 and phq9 of TS1 (location is complete), followup of TS2; Ben: three of TS1, none of TS2 (no instance)
        assertThat(links).isEqualTo(6);
        int before = stub.calls();
        Study again = directory.readAll();
        System.out.printf("REDCap API calls for an unchanged read: %d%n", stub.calls() - before);
        assertThat(stub.calls() - before).isEqualTo(1);
        assertThat(stub.calls("surveyLink")).isEqualTo(links);
        assertThat(again).isEqualTo(directory.readAll());
    }

    @Test
    void aRecordReadAfreshSeesACompletedSurveyInOneCall() {
        RedcapStudyDirectory directory = directory();
        directory.readAll();
        stub.complete("2", "TS1", "gad7");
        int before = stub.calls();
        Study study = directory.readWithFresh("2");
        assertThat(stub.calls() - before).isEqualTo(1);
        assertThat(surveys(study, "TS1", "2").get(1)).satisfies(a -> {
            assertThat(a.name()).isEqualTo("gad7");
            assertThat(a.complete()).isTrue();
            assertThat(a.url()).isEmpty();
        });
        assertThat(stub.bodies().get(stub.bodies().size() - 1)).contains("records%5B0%5D=2");
    }

    @Test
    void aDeletedRecordReadAfreshIsKeptUntilAFullRead() {
        RedcapStudyDirectory directory = directory();
        directory.readAll();
        stub.delete("3");
        assertThat(directory.readWithFresh("3").people()).extracting(u -> u.id().value()).contains("3");
        assertThat(directory.readAll().people()).extracting(u -> u.id().value()).doesNotContain("3");
    }

    @Test
    void unusableRecordsAreSkippedAndNamedTheRestIsRead() {
        stub.set("2", RedcapStub.PERSON_EVENT, "participant_phone_number", "not a phone")
                .set("3", RedcapStub.PERSON_EVENT, "participant_last_name", "")
                .set("TS1", RedcapStub.SESSION_EVENT, "ts_start", "next tuesday")
                .set("TS2", RedcapStub.SESSION_EVENT, "ts_post_survey_list", "followup, nosuchsurvey");
        Study study = directory().readAll();
        assertThat(study.skipped()).extracting(Study.Issue::record, Study.Issue::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("2", "participant_phone_number is not a phone number"),
                org.assertj.core.groups.Tuple.tuple("3", "no participant_last_name"),
                org.assertj.core.groups.Tuple.tuple("TS1", "ts_start \"next tuesday\" is not a date-time YYYY-MM-DD HH:MM"),
                org.assertj.core.groups.Tuple.tuple("TS2", "unknown instrument nosuchsurvey in the survey lists"));
        assertThat(study.people()).extracting(u -> u.id().value()).containsExactly("9");
        assertThat(study.skipped()).allSatisfy(i -> assertThat(i.reason()).doesNotContain("650"));
    }

    @Test
    void aMappingFileRenamesFieldsAndRefusesUnknownKeys() {
        RedcapMapping firstNames = RedcapMapping.fromJson("{\"personDisplayName\":\"participant_first_name\"}");
        stub.set("2", RedcapStub.PERSON_EVENT, "participant_first_name", "Ana María");
        Study study = directory(RedcapStub.TOKEN, firstNames, Duration.ofSeconds(15)).readAll();
        assertThat(study.people().get(0).displayName()).isEqualTo("Ana María");

        assertThatThrownBy(() -> RedcapMapping.fromJson("{\"sessionName\":\"x\"}"))
                .hasMessageContaining("unknown key sessionName");
        assertThatThrownBy(() -> RedcapMapping.fromJson("{\"sessionTitle\":\"Bad Name!\"}"))
                .hasMessageContaining("sessionTitle");
        RedcapMapping absent = RedcapMapping.fromJson("{\"sessionTitle\":\"ts_name\"}");
        assertThatThrownBy(() -> directory(RedcapStub.TOKEN, absent, Duration.ofSeconds(15)).readAll())
                .isInstanceOf(DirectoryUnavailable.class).hasMessageContaining("no field ts_name");
    }

    @Test
    void aFieldMissingFromTheProjectFailsTheWholeRead() {
        stub.dropField("ts_start");
        assertThatThrownBy(() -> directory().readAll()).isInstanceOf(DirectoryUnavailable.class)
                .hasMessageContaining("no field ts_start");
    }

    @Test
    void aRefusedTokenFailsWithoutNamingIt() {
        String wrong = "FEDCBA9876543210FEDCBA9876543210";
        assertThatThrownBy(() -> directory(wrong, RedcapMapping.defaults(), Duration.ofSeconds(15)).readAll())
                .isInstanceOf(DirectoryUnavailable.class)
                .hasMessageContaining("HTTP 403").hasMessageContaining("You do not have permissions")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
        // the token travels only in the POST body, never in the address
        assertThat(stub.apiUrl().toString()).doesNotContain(wrong);
        assertThat(stub.bodies()).allSatisfy(b -> assertThat(b).contains("token=" + wrong));
        assertThat(new RedcapSettings(stub.apiUrl(), wrong, ZONE, Duration.ofSeconds(5), Duration.ofSeconds(15),
                RedcapMapping.defaults(), 8).toString()).doesNotContain(wrong);
    }

    @Test
    void aServerErrorHtmlAndAnErrorObjectAreFailures() {
        stub.fault(RedcapStub.Fault.DOWN);
        assertThatThrownBy(() -> directory().readAll()).isInstanceOf(DirectoryUnavailable.class)
                .hasMessage("REDCap answered HTTP 500");
        stub.fault(RedcapStub.Fault.HTML);
        assertThatThrownBy(() -> directory().readAll()).isInstanceOf(DirectoryUnavailable.class)
                .hasMessageContaining("HTML instead of JSON");
        stub.fault(RedcapStub.Fault.ERROR_ON_200);
        assertThatThrownBy(() -> directory().readAll()).isInstanceOf(DirectoryUnavailable.class)
                .hasMessage("REDCap answered an error: The project is in maintenance mode");
    }

    @Test
    void aSlowRedcapMeetsTheDeadline() {
        stub.slow(3_000);
        long started = System.nanoTime();
        assertThatThrownBy(() -> directory(RedcapStub.TOKEN, RedcapMapping.defaults(), Duration.ofMillis(500)).readAll())
                .isInstanceOf(DirectoryUnavailable.class).hasMessageContaining("did not answer within");
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("a slow REDCap was given up after %d ms (deadline 500 ms)%n", millis);
        assertThat(millis).isLessThan(2_500);
    }

    @Test
    void aREDCapThatIsGoneCannotBeReached() {
        RedcapStudyDirectory directory = directory();
        stub.close();
        assertThatThrownBy(directory::readAll).isInstanceOf(DirectoryUnavailable.class)
                .hasMessageContaining("could not be reached");
    }

    @Test
    void aHostileSurveyLinkIsLeftOutAndTheRestStillSyncs() {
        // a javascript: address, one the domain refuses (over 2,000 characters), and one with a line break
        for (String hostile : List.of("javascript:alert(document.cookie)",
                "https://redcap.example.edu/surveys/?s=" + "A".repeat(2_100),
                "https://redcap.example.edu/surveys/?s=AB\r\nSet-Cookie: x=1")) {
            stub.linkAnswer(hostile);
            RedcapStudyDirectory directory = directory();
            Study study = directory.readAll();
            assertThat(study.people()).as(hostile).extracting(u -> u.id().value()).containsExactly("2", "3", "9");
            assertThat(study.surveys()).as(hostile).allSatisfy(s -> assertThat(s.assessments())
                    .allSatisfy(a -> assertThat(a.url()).isEmpty()));
            // remembered as no link: the next read asks for none of them again
            int links = stub.calls("surveyLink");
            directory.readAll();
            assertThat(stub.calls("surveyLink")).as(hostile).isEqualTo(links);
        }
    }

    @Test
    void aReadThatRanOutOfTimeForLinksLeavesThoseSurveysOutRatherThanListingThemWithoutLinks() {
        Study known = directory().readAll();
        // after a restart the links are asked for again; REDCap answers slowly, one link at a time
        RedcapStudyDirectory restarted = new RedcapStudyDirectory(new RedcapSettings(stub.apiUrl(), RedcapStub.TOKEN, ZONE,
                Duration.ofSeconds(5), Duration.ofSeconds(15), RedcapMapping.defaults(), 1), new LibPhoneNumberParser("US"));
        stub.slow(1_200);

        Study partial = restarted.readAll();

        assertThat(restarted.hasMore()).isTrue();
        assertThat(partial.people()).isEqualTo(known.people());
        assertThat(partial.sessions()).isEqualTo(known.sessions());
        // what it lists is what the complete read lists: a survey list is never applied with links merely not asked for yet
        assertThat(known.surveys()).containsAll(partial.surveys());
        stub.fault(RedcapStub.Fault.NONE);
        // the next reads (at once, as the sync does) ask for the rest: one on a quiet machine, more on a busy one
        Study rest = restarted.readAll();
        int reads = 1;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (restarted.hasMore() && System.nanoTime() < deadline) {
            rest = restarted.readAll();
            reads++;
        }
        System.out.printf("links left after a slow read came in %d more read(s)%n", reads);
        assertThat(restarted.hasMore()).isFalse();
        assertThat(rest).isEqualTo(known);
    }

    @Test
    void aHugeAnswerIsRefusedNotRead() {
        int cap = 1 << 20;
        RedcapApi api = new RedcapApi(new RedcapSettings(stub.apiUrl(), RedcapStub.TOKEN, ZONE, Duration.ofSeconds(5),
                Duration.ofSeconds(15), RedcapMapping.defaults(), 8), cap);
        List<String> events = RedcapMapping.defaults().events();
        assertThat(api.exportRecords(events, null)).isNotEmpty();
        stub.exportPadding(cap + 1);
        assertThatThrownBy(() -> api.exportRecords(events, null)).isInstanceOf(DirectoryUnavailable.class)
                .hasMessageContaining("larger than");
        // the app's own cap leaves room for a big project's export
        assertThat(RedcapApi.MAX_ANSWER_BYTES).isGreaterThanOrEqualTo(64 << 20);
    }

    @Test
    void theVersionIsReadAsText() {
        assertThat(directory().version()).isEqualTo("14.5.3");
    }

    private static List<Assessment> surveys(Study study, String session, String person) {
        Optional<Study.Surveys> found = study.surveys().stream()
                .filter(s -> s.session().value().equals(session) && s.person().value().equals(person)).findFirst();
        assertThat(found).as("surveys of %s in %s", person, session).isPresent();
        return found.get().assessments();
    }
}
