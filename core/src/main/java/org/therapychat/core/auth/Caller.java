package org.therapychat.core.auth;

import java.util.Objects;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.User;

/**
 * An authenticated request's actor: the valid session and the user it is tied to.
 *
 * @param session the caller's login session
 * @param user the user record it belongs to
 */
public record Caller(AuthSession session, User user) {
    /**
     * Checks that the session belongs to the user.
     *
     * @param session the login session
     * @param user its user
     * @throws IllegalArgumentException if the session is another user's
     */
    public Caller {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(user, "user");
        if (!session.user().equals(user.id())) {
            throw new IllegalArgumentException("a caller's session must belong to its user");
        }
    }

    /**
     * The caller's user id.
     *
     * @return the id the server acts for (never one a client claimed)
     */
    public UserId id() {
        return user.id();
    }
}
