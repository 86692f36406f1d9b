package org.therapychat.core.chat;

import java.util.Optional;
import java.util.Set;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/** The actions only the server writes: notices and "refetch" signals. */
public final class ServerActions {
    public static final String SYSTEM = "system";
    private final ActionLog log;
    private final Clock clock;

    public ServerActions(ActionLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    public Appended notice(TherapySessionId session, String body, String sender) {
        return log.append(session, NewAction.fromServer(Set.of(), clock.now(), new Action.Notice(body, sender)));
    }

    /** A presence notice: its text, and who joined or left as data. */
    public Appended attendance(TherapySessionId session, String body, Action.Attendance attendance) {
        return log.append(session, NewAction.fromServer(Set.of(), clock.now(),
                new Action.Notice(body, SYSTEM, java.util.Optional.of(attendance))));
    }

    /**
     * Closes the session's chat with a closing notice (one atomic step of the log): from then on
     * clients' actions are refused {@code session_ended}. Empty when it was already closed.
     */
    public Optional<ActionId> closeChat(TherapySessionId session, String closingNotice) {
        return log.close(session, NewAction.fromServer(Set.of(), clock.now(), new Action.Notice(closingNotice, SYSTEM)));
    }

    public Appended chatDetailsChanged(TherapySessionId session) {
        return log.append(session, NewAction.fromServer(Set.of(), clock.now(), new Action.UpdateChatDetails()));
    }

    public Appended assessmentsChanged(TherapySessionId session, UserId participant) {
        return log.append(session,
                NewAction.fromServer(Set.of(participant), clock.now(), new Action.UpdateAssessments(participant)));
    }
}
