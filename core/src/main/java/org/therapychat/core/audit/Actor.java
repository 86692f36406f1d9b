package org.therapychat.core.audit;

import java.util.Objects;
import org.therapychat.core.common.UserId;

/** Who made an admin call: the bearer token, a staff user, or the system itself (demo data, an embedder). */
public record Actor(String name) {
    public static final Actor TOKEN = new Actor("token");
    public static final Actor SYSTEM = new Actor("system");
    public static final Actor ANONYMOUS = new Actor("anonymous");

    public Actor {
        Objects.requireNonNull(name, "name");
    }

    public static Actor user(UserId id) {
        return new Actor(id.value());
    }
}
