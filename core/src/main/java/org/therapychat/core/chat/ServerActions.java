package org.therapychat.core.chat;

import java.util.Optional;
import java.util.Set;
import org.therapychat.core.common.ActionId;
import org.therapychat.core.common.Clock;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/**
 * The actions only the server writes: notices and "refetch" signals. Each is appended with the
 * server's time; notices and {@code update_chat_details} are public.
 */
public final class ServerActions {
    /** The sender of a notice the system writes. */
    public static final String SYSTEM = "system";
    private final ActionLog log;
    private final Clock clock;

    /**
     * Writes to a log.
     *
     * @param log where the actions go
     * @param clock stamps them
     */
    public ServerActions(ActionLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * Appends a public notice.
     *
     * @param session the therapy session
     * @param body the text
     * @param sender {@link #SYSTEM} or the therapist's id
     * @return the id it got
     */
    public Appended notice(TherapySessionId session, String body, String sender) {
        return log.append(session, NewAction.fromServer(Set.of(), clock.now(), new Action.Notice(body, sender)));
    }

    /**
     * A presence notice: its text, and who joined or left as data.
     *
     * @param session the therapy session
     * @param body the text, e.g. "Ana has joined the session"
     * @param attendance who joined or left
     * @return the id it got
     */
    public Appended attendance(TherapySessionId session, String body, Action.Attendance attendance) {
        return log.append(session, NewAction.fromServer(Set.of(), clock.now(),
                new Action.Notice(body, SYSTEM, java.util.Optional.of(attendance))));
    }

    /**
     * Closes the session's chat with a closing notice (one atomic step of the log): from then on
     * clients' actions are refused {@code session_ended}.
     *
     * @param session the therapy session that ended
     * @param closingNotice the notice's text
     * @return the notice's id, or empty when the chat was already closed
     */
    public Optional<ActionId> closeChat(TherapySessionId session, String closingNotice) {
        return log.close(session, NewAction.fromServer(Set.of(), clock.now(), Action.Notice.closing(closingNotice)));
    }

    /**
     * Tells every member to refetch the session's metadata and membership.
     *
     * @param session the therapy session that changed
     * @return the id of the {@code update_chat_details} action
     */
    public Appended chatDetailsChanged(TherapySessionId session) {
        return log.append(session, NewAction.fromServer(Set.of(), clock.now(), new Action.UpdateChatDetails()));
    }

    /**
     * Tells a participant (and the therapists) to refetch that participant's assessments.
     *
     * @param session the therapy session
     * @param participant whose assessments changed
     * @return the id of the {@code update_assessments} action
     */
    public Appended assessmentsChanged(TherapySessionId session, UserId participant) {
        return log.append(session,
                NewAction.fromServer(Set.of(participant), clock.now(), new Action.UpdateAssessments(participant)));
    }
}
