package org.therapychat.core.therapy;

import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserDirectory;

/** What only a therapist of a session may do: admit, revoke, pin the whiteboard, end it. */
public final class TherapistService {
    private final TherapySessions sessions;
    private final Presence presence;
    private final ServerActions serverActions;
    private final TherapyAccess access;
    private final UserDirectory users;

    public TherapistService(TherapySessions sessions, Presence presence, ServerActions serverActions,
                            UserDirectory users) {
        this.sessions = sessions;
        this.users = users;
        this.presence = presence;
        this.serverActions = serverActions;
        this.access = new TherapyAccess(sessions);
    }

    public void admit(Caller caller, TherapySessionId id, UserId participant) {
        TherapySession session = access.requireTherapist(caller, id).session();
        Member member = participantOf(session, participant);
        sessions.updateMember(id, member.admit());
        serverActions.chatDetailsChanged(id);
    }

    /** The participant's next call into this session is refused; they leave the chat now. */
    public void revoke(Caller caller, TherapySessionId id, UserId participant) {
        TherapySession session = access.requireTherapist(caller, id).session();
        Member member = participantOf(session, participant);
        sessions.updateMember(id, member.revoke());
        presence.remove(id, participant);
        serverActions.chatDetailsChanged(id);
    }

    public void setWhiteboard(Caller caller, TherapySessionId id, String text) {
        access.requireTherapist(caller, id);
        if (text == null) {
            throw new ValidationFailed("text", "text is required");
        }
        if (text.length() > TherapySession.MAX_WHITEBOARD) {
            throw new ValidationFailed("text", "text must be at most " + TherapySession.MAX_WHITEBOARD + " characters");
        }
        sessions.setWhiteboard(id, text);
        serverActions.chatDetailsChanged(id);
    }

    /** Ends the session once (a retry after a failure finishes the job): a closing notice, no further chat actions, "post" surveys become due. */
    public void end(Caller caller, TherapySessionId id) {
        access.requireTherapist(caller, id);
        SessionEnding.end(sessions, serverActions, id);
    }

    private Member participantOf(TherapySession session, UserId user) {
        Member member = session.member(user).orElseThrow(() -> new NotFound("No such member of this session."));
        if (users.findById(user).filter(User::isTherapist).isPresent()) {
            throw new ValidationFailed("userId", "therapists are always admitted");
        }
        return member;
    }
}
