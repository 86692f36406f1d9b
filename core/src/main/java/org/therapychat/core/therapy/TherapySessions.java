package org.therapychat.core.therapy;

import java.util.List;
import java.util.Optional;
import org.therapychat.core.common.TherapySessionId;
import org.therapychat.core.common.UserId;

/** Therapy sessions and their membership. An embedding platform may implement it over its own records. */
public interface TherapySessions {
    Optional<TherapySession> find(TherapySessionId id);

    /** The sessions the user is a member of (revoked members included), in any order. */
    List<TherapySession> listForMember(UserId user);

    /** Creates or replaces the whole session. */
    void put(TherapySession session);

    void setStatus(TherapySessionId id, SessionStatus status);

    void setWhiteboard(TherapySessionId id, String text);

    /** Replaces the state of one existing member; does nothing if the user is not a member. */
    void updateMember(TherapySessionId id, Member member);
}
