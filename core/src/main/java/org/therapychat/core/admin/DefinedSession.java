package org.therapychat.core.admin;

import java.util.Map;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Role;
import org.therapychat.core.therapy.TherapySession;

/**
 * A therapy session as an admin PUT left it, with each member's role as their user record has it now.
 *
 * @param session the stored session
 * @param roles each member's role; a member without a user record is absent
 */
public record DefinedSession(TherapySession session, Map<UserId, Role> roles) {
    /**
     * Copies the map.
     *
     * @param session the session
     * @param roles the members' roles
     */
    public DefinedSession {
        roles = Map.copyOf(roles);
    }
}
