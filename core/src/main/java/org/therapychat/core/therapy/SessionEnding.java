package org.therapychat.core.therapy;

import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.common.TherapySessionId;

/** Ending a session, by its therapist or by staff: one way, so both leave the same log. */
public final class SessionEnding {
    /** The text of the notice that closes an ended session's chat. */
    public static final String CLOSING_NOTICE = "The session has ended. Thank you for taking part.";

    private SessionEnding() {
    }

    /**
     * Ends the session once (a retry after a failure finishes the job): status {@code ended}, a
     * closing notice, no further chat actions, and {@code update_chat_details} when this call closed the chat.
     *
     * @param sessions where the status is set
     * @param serverActions closes the chat with its notice
     * @param id the therapy session to end
     */
    public static void end(TherapySessions sessions, ServerActions serverActions, TherapySessionId id) {
        sessions.setStatus(id, SessionStatus.ENDED);
        // The log judges "ended" under the lock that orders appends: nothing of a client's lands after this notice.
        if (serverActions.closeChat(id, CLOSING_NOTICE).isPresent()) {
            serverActions.chatDetailsChanged(id);
        }
    }
}
