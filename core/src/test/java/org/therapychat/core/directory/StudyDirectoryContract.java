package org.therapychat.core.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.therapychat.core.common.DomainException.DirectoryUnavailable;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Role;
import org.therapychat.core.therapy.Assessment;

/**
 * What every {@link StudyDirectory} does, each backend loaded with the original project's example
 * (shared/redcap/example-export.json): people 2 (Ana Smith, +1 650 555 0101), 3 (Ben Jones,
 * +1 650 555 0102) and the therapist 9 (+1 650 555 0100); TS1 "Group A, week 1" with 9, 2 and 3,
 * surveys location and GAD7 before, PHQ9 after (Ana's location done); TS2 "Group A, week 2" with
 * followup after.
 */
public interface StudyDirectoryContract {
    /** A directory holding the example. */
    StudyDirectory exampleDirectory();

    /** Marks a member's survey of a session complete in the directory. */
    void completeSurvey(String person, String session, String survey);

    /** Deletes a record from the directory. */
    void deleteRecord(String record);

    /** Makes every further read fail. */
    void breakDirectory();

    @Test
    default void aFullReadHoldsTheExample() {
        Study study = exampleDirectory().readAll();
        assertThat(study.people()).extracting(u -> u.id().value()).containsExactlyInAnyOrder("2", "3", "9");
        assertThat(study.people()).filteredOn(u -> u.id().value().equals("2")).singleElement().satisfies(ana -> {
            assertThat(ana.displayName()).isEqualTo("Ana");
            assertThat(ana.phone().e164()).isEqualTo("+16505550101");
            assertThat(ana.identifier().value()).isEqualTo("Smith");
            assertThat(ana.role()).isEqualTo(Role.PARTICIPANT);
        });
        assertThat(study.people()).filteredOn(u -> u.id().value().equals("9")).singleElement()
                .satisfies(t -> assertThat(t.role()).isEqualTo(Role.THERAPIST));
        assertThat(study.sessions()).filteredOn(s -> s.id().value().equals("TS1")).singleElement().satisfies(ts1 -> {
            assertThat(ts1.name()).isEqualTo("Group A, week 1");
            assertThat(ts1.members()).containsExactlyInAnyOrder(UserId.of("9"), UserId.of("2"), UserId.of("3"));
        });
        List<Assessment> ana = surveys(study, "TS1", "2");
        assertThat(ana).extracting(Assessment::name).containsExactly("location", "gad7", "phq9");
        assertThat(ana).extracting(Assessment::complete).containsExactly(true, false, false);
        assertThat(ana).extracting(Assessment::due).containsExactly(Assessment.Due.PRE, Assessment.Due.PRE,
                Assessment.Due.POST);
        assertThat(surveys(study, "TS2", "2")).extracting(Assessment::name).containsExactly("followup");
    }

    @Test
    default void twoReadsOfAnUnchangedDirectoryAreEqual() {
        StudyDirectory directory = exampleDirectory();
        assertThat(directory.readAll()).isEqualTo(directory.readAll());
    }

    @Test
    default void aRecordReadAfreshShowsItsCompletedSurvey() {
        StudyDirectory directory = exampleDirectory();
        directory.readAll();
        completeSurvey("2", "TS1", "gad7");
        Study study = directory.readWithFresh("2");
        assertThat(surveys(study, "TS1", "2")).extracting(Assessment::complete).containsExactly(true, true, false);
        assertThat(surveys(study, "TS1", "2").get(1).url()).isEmpty();
    }

    @Test
    default void aDeletedRecordStaysOnAFreshReadAndIsGoneOnAFullRead() {
        StudyDirectory directory = exampleDirectory();
        directory.readAll();
        deleteRecord("3");
        assertThat(directory.readWithFresh("3").people()).extracting(u -> u.id().value()).contains("3");
        assertThat(directory.readAll().people()).extracting(u -> u.id().value()).containsExactlyInAnyOrder("2", "9");
    }

    @Test
    default void aBrokenDirectoryFailsEveryReadWithAReason() {
        StudyDirectory directory = exampleDirectory();
        directory.readAll();
        breakDirectory();
        assertThatThrownBy(directory::readAll).isInstanceOf(DirectoryUnavailable.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
        assertThatThrownBy(() -> directory.readWithFresh("2")).isInstanceOf(DirectoryUnavailable.class);
    }

    private static List<Assessment> surveys(Study study, String session, String person) {
        return study.surveys().stream().filter(s -> s.session().value().equals(session) && s.person().value().equals(person))
                .findFirst().orElseThrow(() -> new AssertionError("no surveys of " + person + " in " + session))
                .assessments();
    }
}
