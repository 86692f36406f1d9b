package org.therapychat.core.therapy;

import java.util.Objects;
import org.therapychat.core.common.UserId;
import org.therapychat.core.login.Role;

/** A user's place in one therapy session: role, and whether a therapist admitted or revoked them. */
public record Member(UserId user, Role role, boolean admitted, boolean revoked) {
    public Member {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
        if (admitted && revoked) {
            throw new IllegalArgumentException("a member cannot be admitted and revoked at once");
        }
    }

    public static Member newcomer(UserId user, Role role) {
        return new Member(user, role, false, false);
    }

    public boolean isTherapist() {
        return role == Role.THERAPIST;
    }

    public Member admit() {
        return new Member(user, role, true, false);
    }

    public Member revoke() {
        return new Member(user, role, false, true);
    }
}
