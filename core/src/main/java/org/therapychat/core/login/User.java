package org.therapychat.core.login;

import java.util.Objects;
import org.therapychat.core.common.PlainText;
import org.therapychat.core.common.UserId;

/**
 * A person who may log in: a participant, a therapist or a member of the research staff.
 * A {@code disabled} user keeps everything of theirs but cannot log in, and their login sessions end.
 *
 * @param id the id the research platform gave them
 * @param role what they may do
 * @param displayName the name other members see and mention, trimmed, 1-100 characters
 * @param phone where login codes go
 * @param identifier the second login field (last name by default)
 * @param disabled whether logins are refused (SPEC §4 "Disabling")
 */
public record User(UserId id, Role role, String displayName, PhoneNumber phone, Identifier identifier,
                   boolean disabled) {
    /**
     * Trims and checks the user.
     *
     * @param id the id
     * @param role the role
     * @param displayName 1-100 characters after trimming
     * @param phone the phone
     * @param identifier the identifier
     * @param disabled whether disabled
     * @throws IllegalArgumentException if the display name is empty, too long, or holds a control or
     *     bidirectional-override character ({@link PlainText#notALine})
     */
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
        PlainText.requireLine(displayName, "displayName");
    }

    /**
     * An enabled user.
     *
     * @param id the id
     * @param role the role
     * @param displayName 1-100 characters after trimming
     * @param phone the phone
     * @param identifier the identifier
     */
    public User(UserId id, Role role, String displayName, PhoneNumber phone, Identifier identifier) {
        this(id, role, displayName, phone, identifier, false);
    }

    /**
     * Whether the user leads sessions.
     *
     * @return {@code true} for {@link Role#THERAPIST}
     */
    public boolean isTherapist() {
        return role == Role.THERAPIST;
    }

    /**
     * Whether the user is research staff, who may use the admin API with a login session.
     *
     * @return {@code true} for {@link Role#STAFF}
     */
    public boolean isStaff() {
        return role == Role.STAFF;
    }

    /**
     * A copy disabled or enabled.
     *
     * @param isDisabled whether logins are to be refused
     * @return the copy
     */
    public User withDisabled(boolean isDisabled) {
        return new User(id, role, displayName, phone, identifier, isDisabled);
    }
}
