package org.therapychat.core.login;

import java.util.Objects;
import org.therapychat.core.common.UserId;

/**
 * A person who may log in: a participant, a therapist or a member of the research staff.
 * A {@code disabled} user keeps everything of theirs but cannot log in, and their login sessions end.
 */
public record User(UserId id, Role role, String displayName, PhoneNumber phone, Identifier identifier,
                   boolean disabled) {
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

    /** An enabled user. */
    public User(UserId id, Role role, String displayName, PhoneNumber phone, Identifier identifier) {
        this(id, role, displayName, phone, identifier, false);
    }

    public boolean isTherapist() {
        return role == Role.THERAPIST;
    }

    public boolean isStaff() {
        return role == Role.STAFF;
    }

    public User withDisabled(boolean isDisabled) {
        return new User(id, role, displayName, phone, identifier, isDisabled);
    }
}
