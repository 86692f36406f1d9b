package org.therapychat.core.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Identifier;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.Role;
import org.therapychat.core.login.User;
import org.therapychat.core.therapy.Assessment;
import org.therapychat.core.therapy.Assessment.Due;

/** The original project's example (see {@link StudyDirectoryContract}) in domain terms, its sessions after {@code now}. */
public final class ExampleStudy {
    private ExampleStudy() {
    }

    public static Study at(Instant now) {
        User ana = new User(UserId.of("2"), Role.PARTICIPANT, "Ana", new PhoneNumber("+16505550101"), new Identifier("Smith"));
        User ben = new User(UserId.of("3"), Role.PARTICIPANT, "Ben", new PhoneNumber("+16505550102"), new Identifier("Jones"));
        User rivera = new User(UserId.of("9"), Role.THERAPIST, "Dr. Rivera", new PhoneNumber("+16505550100"),
                new Identifier("Rivera"));
        List<UserId> members = List.of(rivera.id(), ana.id(), ben.id());
        Study.Session ts1 = new Study.Session(TherapySessionId.of("TS1"), "Group A, week 1", "Sleep",
                now.plus(Duration.ofDays(2)), members);
        Study.Session ts2 = new Study.Session(TherapySessionId.of("TS2"), "Group A, week 2", "Stress",
                now.plus(Duration.ofDays(9)), members);
        return new Study(List.of(ana, ben, rivera), List.of(ts1, ts2), List.of(
                surveys(ts1, ana, new boolean[] {true, false, false}),
                surveys(ts1, ben, new boolean[] {false, false, false}),
                new Study.Surveys(ts2.id(), ana.id(), List.of(survey("followup", Due.POST, false, ana))),
                new Study.Surveys(ts2.id(), ben.id(), List.of(new Assessment("followup", Due.POST, false, Optional.empty())))),
                List.of(), List.of(new Study.Issue("3", "no instance for TS2")));
    }

    private static Study.Surveys surveys(Study.Session session, User person, boolean[] done) {
        return new Study.Surveys(session.id(), person.id(), List.of(survey("location", Due.PRE, done[0], person),
                survey("gad7", Due.PRE, done[1], person), survey("phq9", Due.POST, done[2], person)));
    }

    private static Assessment survey(String name, Due due, boolean done, User person) {
        return new Assessment(name, due, done, done ? Optional.empty()
                : Optional.of("https://surveys.example.org/?s=" + person.id().value() + name));
    }
}
