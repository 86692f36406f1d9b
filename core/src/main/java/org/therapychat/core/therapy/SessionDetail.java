package org.therapychat.core.therapy;

import java.util.List;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Role;

/** getTherapySessionDetail: metadata and members with presence. */
public record SessionDetail(TherapySession session, List<MemberView> members) {
    public SessionDetail {
        members = List.copyOf(members);
    }

    public record MemberView(UserId id, String displayName, Role role, boolean present, boolean admitted) {
    }
}
