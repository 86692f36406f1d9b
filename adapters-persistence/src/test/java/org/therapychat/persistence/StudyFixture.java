package org.therapychat.persistence;

import static org.therapychat.core.fixtures.Samples.ANA;
import static org.therapychat.core.fixtures.Samples.BEN;
import static org.therapychat.core.fixtures.Samples.THERAPIST;
import static org.therapychat.core.fixtures.Samples.WEEK_1;
import static org.therapychat.core.fixtures.Samples.WEEK_2;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.therapychat.core.auth.AuthSession;
import org.therapychat.core.chat.Action;
import org.therapychat.core.chat.NewAction;
import org.therapychat.core.chat.ReactionIcon;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.fixtures.Samples;
import org.therapychat.core.login.OtpChallenge;
import org.therapychat.core.login.PhoneNumber;
import org.therapychat.core.login.RateRule;
import org.therapychat.core.therapy.Assessment;
import org.therapychat.core.therapy.SessionStatus;

/** A small study with a row in every table, written through the adapters as the app writes it. */
final class StudyFixture {
    static final Instant T0 = Instant.parse("2026-11-24T17:00:00.123456Z");

    private StudyFixture() {
    }

    static void fill(Database db) {
        JooqUserStore users = new JooqUserStore(db);
        users.put(Samples.ana());
        users.put(Samples.ben());
        users.put(Samples.carol());
        users.put(Samples.therapist());
        JooqTherapySessions sessions = new JooqTherapySessions(db);
        sessions.define(Samples.definition(WEEK_1, T0, THERAPIST, ANA, BEN));
        sessions.define(Samples.definition(WEEK_2, T0.plus(Duration.ofDays(7)), THERAPIST, ANA));
        sessions.setStatus(WEEK_2, SessionStatus.ENDED);
        sessions.setWhiteboard(WEEK_1, "Breathe «in», then out — 🌬️");
        JooqAssessments assessments = new JooqAssessments(db);
        assessments.put(WEEK_1, ANA, List.of(Samples.survey("phq9", Assessment.Due.PRE, true),
                new Assessment("gad7", Assessment.Due.POST, false, Optional.of("https://surveys.example/gad7"),
                        Optional.of("Anxiety \"7\""), java.util.Map.of("en", "How anxious?", "es", "¿Cuánta ansiedad?"))));
        JooqActionLog log = new JooqActionLog(db);
        ActionId hello = log.append(WEEK_1, message(ANA, "c-1", "Hello 👋", List.of(), List.of("H", "He", "Hello"))).id();
        ActionId secret = log.append(WEEK_1, message(BEN, "c-1", "just for you", List.of(ANA), List.of())).id();
        log.append(WEEK_1, clientAction(BEN, "c-2", Optional.of("reaction:" + hello + ":heart"),
                new Action.Reaction(ReactionIcon.HEART, hello)));
        log.append(WEEK_1, clientAction(ANA, "c-3", Optional.of("read:" + secret), new Action.MessageRead(secret)));
        ActionId regret = log.append(WEEK_1, message(ANA, "c-4", "regret", List.of(), List.of())).id();
        log.append(WEEK_1, clientAction(ANA, "c-5", Optional.empty(), new Action.Delete(regret)));
        log.append(WEEK_1, NewAction.fromServer(Set.of(), T0, new Action.UpdateAssessments(ANA)));
        log.append(WEEK_1, NewAction.fromServer(Set.of(), T0, new Action.UpdateChatDetails()));
        log.append(WEEK_2, message(ANA, "c-1", "see you", List.of(), List.of()));
        log.append(WEEK_2, NewAction.fromServer(Set.of(), T0, new Action.Notice("Ana has left the session", "system",
                Optional.of(new Action.Attendance(ANA, false)))));
        log.close(WEEK_2, NewAction.fromServer(Set.of(), T0, Action.Notice.closing("The session has ended.")));
        new JooqAuthSessionStore(db).put(new AuthSession("a".repeat(64), ANA, T0, T0.plusSeconds(60), Optional.of(WEEK_1)));
        new JooqOtpChallenges(db).put(new OtpChallenge("b".repeat(64), new PhoneNumber("+16505550102"), Optional.of(BEN),
                "c".repeat(64), T0, T0.plusSeconds(600)));
        new JooqRateLimits(db).tryAcquire("+16505550102", new RateRule("otp-phone", 3, Duration.ofHours(1),
                Duration.ofSeconds(60)), T0);
        new JooqPresence(db).markPresent(WEEK_1, ANA, T0);
        new ServerSecrets(db).getOrCreate("otp-hmac", () -> new byte[] {1, 2, 3, 4});
        JooqAuditTrail audit = new JooqAuditTrail(db);
        audit.append(T0, "S1", "staff.login", "S1", "ok");
        audit.append(T0, "S1", "session.export", WEEK_1.value(), "ok");
    }

    static NewAction message(UserId author, String clientId, String body, List<UserId> to, List<String> history) {
        return new NewAction(Optional.of(author), Optional.of(clientId), Optional.of("2026-11-24T17:00:00.000Z"),
                to.isEmpty() ? Set.of() : Set.of(author, to.get(0)), Optional.empty(), T0,
                new Action.Message(to, body, Optional.empty(), history, Optional.of("671ms"), List.of()));
    }

    private static NewAction clientAction(UserId author, String clientId, Optional<String> dedupe, Action action) {
        return new NewAction(Optional.of(author), Optional.of(clientId), Optional.empty(), Set.of(), dedupe, T0, action);
    }
}
