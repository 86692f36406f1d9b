package org.therapychat.core.therapy;

import java.util.Objects;
import org.therapychat.core.common.UserId;

/**
 * A user's place in one therapy session: whether a therapist admitted or revoked them. Their role
 * is not here: it is the user record's, so a promotion or demotion holds in every session at once.
 *
 * @param user the member
 * @param admitted whether a therapist admitted them
 * @param revoked whether a therapist revoked them: their calls into the session are refused
 */
public record Member(UserId user, boolean admitted, boolean revoked) {
    /**
     * Checks the member.
     *
     * @param user the member
     * @param admitted whether admitted
     * @param revoked whether revoked
     * @throws IllegalArgumentException if both admitted and revoked
     */
    public Member {
        Objects.requireNonNull(user, "user");
        if (admitted && revoked) {
            throw new IllegalArgumentException("a member cannot be admitted and revoked at once");
        }
    }

    /**
     * A member just added: neither admitted nor revoked.
     *
     * @param user the member
     * @return the member
     */
    public static Member newcomer(UserId user) {
        return new Member(user, false, false);
    }

    /**
     * The member admitted by a therapist (a revoked one is let back in).
     *
     * @return the admitted member
     */
    public Member admit() {
        return new Member(user, true, false);
    }

    /**
     * The member revoked by a therapist.
     *
     * @return the revoked member
     */
    public Member revoke() {
        return new Member(user, false, true);
    }
}
