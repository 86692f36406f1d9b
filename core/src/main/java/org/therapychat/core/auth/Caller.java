package org.therapychat.core.auth;

import java.util.Objects;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.User;

/** An authenticated request's actor: the valid session and the user it is tied to. */
public record Caller(AuthSession session, User user) {
    public Caller {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(user, "user");
        if (!session.user().equals(user.id())) {
            throw new IllegalArgumentException("a caller's session must belong to its user");
        }
    }

    public UserId id() {
        return user.id();
    }
}
