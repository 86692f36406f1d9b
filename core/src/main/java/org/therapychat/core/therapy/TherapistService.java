package org.therapychat.core.therapy;

import org.therapychat.core.auth.Caller;
import org.therapychat.core.chat.ServerActions;
import org.therapychat.core.common.DomainException.NotFound;
import org.therapychat.core.common.DomainException.ValidationFailed;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.User;
import org.therapychat.core.login.UserDirectory;

/**
 * What only a therapist of a session may do (SPEC §2): admit, revoke, pin the whiteboard, end it.
 * Every change appends {@code update_chat_details}. Every method throws
 * {@link org.therapychat.core.common.DomainException.NotAllowed} unless the caller is a therapist
 * member of the session, and {@link NotFound} if there is no such session.
 */
public final class TherapistService {
    private final TherapySessions sessions;
    private final Presence presence;
    private final ServerActions serverActions;
    private final TherapyAccess access;
    private final UserDirectory users;

    /**
     * Wires the use case.
     *
     * @param sessions the therapy sessions
     * @param presence who is in the chat; a revoked participant leaves it
     * @param serverActions appends notices and refetch signals
     * @param users tells therapists from participants
     */
    public TherapistService(TherapySessions sessions, Presence presence, ServerActions serverActions,
                            UserDirectory users) {
        this.sessions = sessions;
        this.users = users;
        this.presence = presence;
        this.serverActions = serverActions;
        this.access = new TherapyAccess(sessions);
    }

    /**
     * Lets a participant who waits for admission (or was revoked) into the chat.
     *
     * @param caller the therapist
     * @param id the therapy session
     * @param participant the member to admit
     * @throws NotFound if {@code participant} is not a member
     * @throws ValidationFailed {@code userId} if {@code participant} is a therapist
     */
    public void admit(Caller caller, TherapySessionId id, UserId participant) {
        TherapySession session = access.requireTherapist(caller, id).session();
        Member member = participantOf(session, participant);
        sessions.updateMember(id, member.admit());
        serverActions.chatDetailsChanged(id);
    }

    /**
     * The participant's next call into this session is refused; they leave the chat now.
     *
     * @param caller the therapist
     * @param id the therapy session
     * @param participant the member to revoke
     * @throws NotFound if {@code participant} is not a member
     * @throws ValidationFailed {@code userId} if {@code participant} is a therapist
     */
    public void revoke(Caller caller, TherapySessionId id, UserId participant) {
        TherapySession session = access.requireTherapist(caller, id).session();
        Member member = participantOf(session, participant);
        sessions.updateMember(id, member.revoke());
        presence.remove(id, participant);
        serverActions.chatDetailsChanged(id);
    }

    /**
     * Pins a text above the chat.
     *
     * @param caller the therapist
     * @param id the therapy session
     * @param text the whiteboard, at most {@link TherapySession#MAX_WHITEBOARD} characters; "" clears it
     * @throws ValidationFailed {@code text} if it is null or too long
     */
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

    /**
     * Ends the session once (a retry after a failure finishes the job): a closing notice, no further
     * chat actions, "post" surveys become due.
     *
     * @param caller the therapist
     * @param id the therapy session
     */
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
