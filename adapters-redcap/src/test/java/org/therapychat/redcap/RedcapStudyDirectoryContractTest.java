package org.therapychat.redcap;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.therapychat.core.directory.StudyDirectory;
import org.therapychat.core.directory.StudyDirectoryContract;
import org.therapychat.web.LibPhoneNumberParser;

/** The directory contract on REDCap: the loopback REDCap loaded with the template's example export. */
class RedcapStudyDirectoryContractTest implements StudyDirectoryContract {
    private final RedcapStub stub = RedcapStub.template(Instant.now(), ZoneId.of("UTC"));

    @AfterEach
    void stop() {
        stub.close();
    }

    @Override
    public StudyDirectory exampleDirectory() {
        return new RedcapStudyDirectory(RedcapSettings.of(stub.apiUrl(), RedcapStub.TOKEN, ZoneId.of("UTC"),
                RedcapMapping.defaults()), new LibPhoneNumberParser("US"), RedcapStudyDirectoryTest.COMPLETE_READS);
    }

    @Override
    public void completeSurvey(String person, String session, String survey) {
        stub.complete(person, session, survey);
    }

    @Override
    public void deleteRecord(String record) {
        stub.delete(record);
    }

    @Override
    public void breakDirectory() {
        stub.fault(RedcapStub.Fault.DOWN);
    }
}
