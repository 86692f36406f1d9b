package org.therapychat.core.login;

import java.util.Objects;
import org.therapychat.core.common.UserId;

/** A person who may log in: a participant or a therapist of the research study. */
public record User(UserId id, Role role, String displayName, PhoneNumber phone, Identifier identifier) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(identifier, "identifier");
        displayName = displayName.strip();
        if (displayName.isEmpty() || displayName.length() > 100) {
            throw new IllegalArgumentException("displayName must be 1-100 characters");
        }
    }

    public boolean isTherapist() {
        return role == Role.THERAPIST;
    }
}
