package org.therapychat.core.directory;

import java.time.Instant;
import org.therapychat.core.memory.InMemoryStudyDirectory;

class InMemoryStudyDirectoryTest implements StudyDirectoryContract {
    private final InMemoryStudyDirectory directory = new InMemoryStudyDirectory("REDCap").hold(ExampleStudy.at(Instant.now()));

    @Override
    public StudyDirectory exampleDirectory() {
        return directory;
    }

    @Override
    public void completeSurvey(String person, String session, String survey) {
        directory.change(s -> InMemoryStudyDirectory.completed(s, session, person, survey));
    }

    @Override
    public void deleteRecord(String record) {
        directory.change(s -> new Study(s.people().stream().filter(p -> !p.id().value().equals(record)).toList(),
                s.sessions(), s.surveys().stream().filter(v -> !v.person().value().equals(record)).toList(),
                s.skipped(), s.warnings()));
    }

    @Override
    public void breakDirectory() {
        directory.failWith("the platform is down");
    }
}
