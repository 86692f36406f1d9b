package org.therapychat.app;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.therapychat.core.admin.AdminService;
import org.therapychat.core.admin.AssessmentSpec;
import org.therapychat.core.admin.TherapySessionSpec;
import org.therapychat.core.admin.UserSpec;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.therapy.TherapySessions;

/** A therapist, two participants, a staff coordinator and a session with an incomplete survey, so a newcomer can log in at once. */
final class DemoData {
    static final String THERAPIST_PHONE = "+1 650 555 0100";
    static final String ANA_PHONE = "+1 650 555 0101";
    static final String BEN_PHONE = "+1 650 555 0102";
    static final String STAFF_PHONE = "+1 650 555 0199";
    static final TherapySessionId SESSION = TherapySessionId.of("demo-week-1");

    private DemoData() {
    }

    /** Seeds once, on the first start: later starts leave whatever the admin API made of the demo alone. */
    static void seed(AdminService admin, TherapySessions sessions, Instant now) {
        if (sessions.find(SESSION).isPresent()) {
            return;
        }
        admin.putUser(UserId.of("T1"), new UserSpec("therapist", "Dr. Rivera", THERAPIST_PHONE, "Rivera"));
        admin.putUser(UserId.of("P1"), new UserSpec("participant", "Ana", ANA_PHONE, "Smith"));
        admin.putUser(UserId.of("P2"), new UserSpec("participant", "Ben", BEN_PHONE, "Jones"));
        admin.putUser(UserId.of("S1"), new UserSpec("staff", "Sam Coordinator", STAFF_PHONE, "Coordinator"));
        Instant date = now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        admin.putTherapySession(SESSION, new TherapySessionSpec("Demo: Week 1", "Coping with everyday stress",
                date.toString(), List.of("T1", "P1", "P2"), "auto"));
        List<AssessmentSpec> surveys = List.of(
                new AssessmentSpec("location", "pre", "complete", null),
                new AssessmentSpec("post-session_survey", "post", "incomplete", "https://example.org/surveys/post-session"));
        admin.putAssessments(SESSION, UserId.of("P1"), surveys);
        admin.putAssessments(SESSION, UserId.of("P2"), surveys);
    }

    static String howToLogIn(java.nio.file.Path outbox, int port) {
        return String.join(System.lineSeparator(),
                "Demo data is loaded. Open http://localhost:" + port + "/ or use curl. Log in as:",
                "  participant Ana:  phone " + ANA_PHONE + ", last name Smith",
                "  participant Ben:  phone " + BEN_PHONE + ", last name Jones",
                "  therapist Rivera: phone " + THERAPIST_PHONE + ", last name Rivera",
                "  staff Sam (console at /console/): phone " + STAFF_PHONE + ", identifier Coordinator",
                "The SMS codes are written to " + outbox.toAbsolutePath() + " (one JSON line each).");
    }
}
