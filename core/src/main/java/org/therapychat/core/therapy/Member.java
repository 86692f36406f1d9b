package org.therapychat.core.therapy;

import java.util.Objects;
import org.therapychat.core.common.UserId;

/**
 * A user's place in one therapy session: whether a therapist admitted or revoked them. Their role
 * is not here: it is the user record's, so a promotion or demotion holds in every session at once.
 */
public record Member(UserId user, boolean admitted, boolean revoked) {
    public Member {
        Objects.requireNonNull(user, "user");
        if (admitted && revoked) {
            throw new IllegalArgumentException("a member cannot be admitted and revoked at once");
        }
    }

    public static Member newcomer(UserId user) {
        return new Member(user, false, false);
    }

    public Member admit() {
        return new Member(user, true, false);
    }

    public Member revoke() {
        return new Member(user, false, true);
    }
}
