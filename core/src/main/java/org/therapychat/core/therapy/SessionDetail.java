package org.therapychat.core.therapy;

import java.util.List;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Role;

/**
 * getTherapySessionDetail: metadata and members with presence.
 *
 * @param session the session's metadata (name, topic, date, status, whiteboard)
 * @param members every member as the caller sees them
 */
public record SessionDetail(TherapySession session, List<MemberView> members) {
    /**
     * Copies the list.
     *
     * @param session the session
     * @param members the members
     */
    public SessionDetail {
        members = List.copyOf(members);
    }

    /**
     * One member in the detail.
     *
     * @param id the user id
     * @param displayName from the user record (the id when there is none)
     * @param role from the user record
     * @param present whether in the chat now
     * @param admitted whether the member may chat: not revoked, and admitted, a therapist, or in an auto-admission session
     * @param waiting whether in the waiting room now: entered, still there, not yet admitted
     */
    public record MemberView(UserId id, String displayName, Role role, boolean present, boolean admitted, boolean waiting) {
        /**
         * A member who is not waiting.
         *
         * @param id the user id
         * @param displayName the name shown
         * @param role the role
         * @param present whether in the chat now
         * @param admitted whether the member may chat
         */
        public MemberView(UserId id, String displayName, Role role, boolean present, boolean admitted) {
            this(id, displayName, role, present, admitted, false);
        }
    }
}
