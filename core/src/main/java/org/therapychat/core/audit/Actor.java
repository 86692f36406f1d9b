package org.therapychat.core.audit;

import java.util.Objects;
import org.therapychat.core.common.UserId;

/**
 * Who made an admin call: the bearer token, a staff user, or the system itself (demo data, an embedder).
 *
 * @param name what the audit trail records as {@code actor}: {@code token}, {@code system},
 *     {@code anonymous} or a staff user's id
 */
public record Actor(String name) {
    /** A call authorised by the admin bearer token. */
    public static final Actor TOKEN = new Actor("token");
    /** The app or an embedder acting on its own (demo data, direct use-case calls). */
    public static final Actor SYSTEM = new Actor("system");
    /** A refused call that proved no identity. */
    public static final Actor ANONYMOUS = new Actor("anonymous");

    /**
     * Checks the name.
     *
     * @param name the recorded actor
     * @throws NullPointerException if {@code name} is null
     */
    public Actor {
        Objects.requireNonNull(name, "name");
    }

    /**
     * A staff user acting with their login session.
     *
     * @param id the staff user's id
     * @return the actor named by that id
     */
    public static Actor user(UserId id) {
        return new Actor(id.value());
    }
}
